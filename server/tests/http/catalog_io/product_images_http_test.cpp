// Product image uploads over HTTP with real images made by libvips: variants of the right
// widths after the job runs (never upscaled), srcset in the catalog's product JSON, media served
// with immutable caching, content sniffed (a text file named .jpg is refused and nothing is
// stored), 413 over the size limit, reorder, delete (files removed) and role checks.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "http_suite.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// A real encoded image of the given size; `suffix` is ".jpg", ".png" or ".webp".
std::string MakeImage(int width, int height, const char* suffix) {
  static const bool started = VIPS_INIT("moderno-tests") == 0;
  EXPECT_TRUE(started);
  VipsImage* black = nullptr;
  VipsImage* lit = nullptr;
  VipsImage* pixels = nullptr;
  void* buf = nullptr;
  size_t len = 0;
  std::string out;
  if (vips_black(&black, width, height, "bands", 3, nullptr) == 0 &&
      vips_linear1(black, &lit, 1.0, 90.0, nullptr) == 0 && vips_cast_uchar(lit, &pixels, nullptr) == 0 &&
      vips_image_write_to_buffer(pixels, suffix, &buf, &len, nullptr) == 0) {
    out.assign(static_cast<const char*>(buf), len);
  }
  g_free(buf);
  for (VipsImage* i : {black, lit, pixels}) {
    if (i) g_object_unref(i);
  }
  EXPECT_FALSE(out.empty()) << vips_error_buffer();
  return out;
}

// The width of an encoded image file.
int WidthOf(const fs::path& file) {
  VipsImage* img = vips_image_new_from_file(file.c_str(), nullptr);
  if (!img) return -1;
  const int w = vips_image_get_width(img);
  g_object_unref(img);
  return w;
}

class ProductImagesTest : public HttpSuite {
 protected:
  static void SetUpTestSuite() {
    StartStore();
    admin_ = new TestUser(store_->CreateUser(http::Role::kAdmin));
    manager_ = new TestUser(store_->CreateUser(http::Role::kManager));
    customer_ = new TestUser(store_->CreateUser(http::Role::kCustomer));
    auto cat = Call("POST", "/api/v1/categories", R"({"name":"Fotos"})", admin_);
    ASSERT_EQ(cat.status, 201) << cat.raw;
    category_ = cat.body.at("id").as_int64();
  }
  static void TearDownTestSuite() {
    delete admin_;
    delete manager_;
    delete customer_;
    StopStore();
  }

  static std::int64_t NewProduct(const std::string& sku) {
    auto r = Call("POST", "/api/v1/products",
                     json::serialize(json::object{{"name", "Producto " + sku}, {"sku", sku}, {"price", 1000},
                                                  {"category_id", category_}}),
                     admin_);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.at("id").as_int64();
  }
  static fs::path MediaDir() { return store_->database().dir() / "media"; }
  static std::size_t FilesOf(std::int64_t product) {
    std::error_code ec;
    const fs::path dir = MediaDir() / "products" / std::to_string(product);
    if (!fs::exists(dir, ec)) return 0;
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
  }
  static Reply Upload(std::int64_t product, const std::string& bytes, const std::string& filename,
                      const std::string& content_type = "image/jpeg", const TestUser* as = admin_) {
    const std::string body = "--bnd\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nFoto\r\n"
                             "--bnd\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                             "\"\r\nContent-Type: " + content_type + "\r\n\r\n" + bytes + "\r\n--bnd--\r\n";
    HttpClient c(store_->port());
    Headers h{{"Content-Type", "multipart/form-data; boundary=bnd"}};
    if (as) {
      for (auto& a : as->auth()) h.push_back(a);
    }
    Reply r;
    r.http = c.Request("POST", "/api/v1/admin/products/" + std::to_string(product) + "/images", h, body);
    r.status = r.http.status;
    r.raw = r.http.body;
    boost::system::error_code ec;
    auto v = json::parse(r.raw, ec);
    if (!ec && v.is_object()) r.body = v.as_object();
    return r;
  }
  static json::array ProductImages(std::int64_t product) {
    auto r = Call("GET", "/api/v1/products/" + std::to_string(product));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.at("images").as_array();
  }

  static TestUser* admin_;
  static TestUser* manager_;
  static TestUser* customer_;
  static std::int64_t category_;
};

TestUser* ProductImagesTest::admin_ = nullptr;
TestUser* ProductImagesTest::manager_ = nullptr;
TestUser* ProductImagesTest::customer_ = nullptr;
std::int64_t ProductImagesTest::category_ = 0;

TEST_F(ProductImagesTest, Upload_JpegGetsWebpAndJpegVariantsWithSrcset) {
  const std::int64_t product = NewProduct("IMG-JPEG");
  Reply r = Upload(product, MakeImage(1600, 900, ".jpg"), "foto.jpg");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body.at("status").as_string(), "processing");
  EXPECT_EQ(r.body.at("width").as_int64(), 1600);
  EXPECT_EQ(r.body.at("height").as_int64(), 900);
  EXPECT_EQ(r.body.at("alt").as_string(), "Foto");
  const std::string url(r.body.at("url").as_string());
  ASSERT_TRUE(url.starts_with("/media/products/" + std::to_string(product) + "/")) << url;
  ASSERT_TRUE(url.ends_with(".jpg")) << url;
  EXPECT_EQ(FilesOf(product), 1u);

  EXPECT_GE(store_->app().jobs().RunDue(), 1);
  json::array images = ProductImages(product);
  ASSERT_EQ(images.size(), 1u);
  const json::object& img = images[0].as_object();
  EXPECT_EQ(img.at("status").as_string(), "ready");
  const std::string stem = url.substr(0, url.size() - 4);
  EXPECT_EQ(img.at("srcset").as_string(),
            stem + "-320.webp 320w, " + stem + "-640.webp 640w, " + stem + "-1280.webp 1280w");
  EXPECT_EQ(img.at("srcset_original").as_string(),
            stem + "-320.jpg 320w, " + stem + "-640.jpg 640w, " + stem + "-1280.jpg 1280w");
  EXPECT_EQ(img.at("src").as_string(), stem + "-1280.jpg");
  EXPECT_FALSE(img.at("sizes").as_string().empty());
  EXPECT_EQ(img.at("width").as_int64(), 1600);
  EXPECT_EQ(FilesOf(product), 7u);  // original + 3 WebP + 3 JPEG
  const fs::path dir = MediaDir() / "products" / std::to_string(product);
  const std::string name = fs::path(stem).filename().string();
  for (int w : {320, 640, 1280}) {
    EXPECT_EQ(WidthOf(dir / (name + "-" + std::to_string(w) + ".webp")), w);
    EXPECT_EQ(WidthOf(dir / (name + "-" + std::to_string(w) + ".jpg")), w);
  }

  // Served with a long immutable cache and the right type.
  HttpClient c(store_->port());
  auto media = c.Get(stem + "-640.webp");
  ASSERT_EQ(media.status, 200);
  EXPECT_EQ(media.Header("content-type"), "image/webp");
  EXPECT_EQ(media.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_TRUE(media.body.starts_with("RIFF"));
  EXPECT_EQ(c.Get("/media/products/" + std::to_string(product) + "/nope.webp").status, 404);
  EXPECT_EQ(c.Get("/media/products/" + std::to_string(product) + "/..%2Fsecrets.jpg").status, 404);
}

TEST_F(ProductImagesTest, Upload_SmallPngIsNeverUpscaled) {
  const std::int64_t product = NewProduct("IMG-PNG");
  Reply r = Upload(product, MakeImage(500, 250, ".png"), "x.png", "image/png");
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_TRUE(std::string(r.body.at("url").as_string()).ends_with(".png"));
  store_->app().jobs().RunDue();
  const std::string srcset(ProductImages(product)[0].at("srcset").as_string());
  EXPECT_NE(srcset.find("-320.webp 320w"), std::string::npos) << srcset;
  EXPECT_EQ(srcset.find("640w"), std::string::npos) << srcset;
  EXPECT_EQ(FilesOf(product), 3u);  // original + one WebP + one PNG

  // Tiny images get one variant at their own width.
  const std::int64_t tiny = NewProduct("IMG-TINY");
  ASSERT_EQ(Upload(tiny, MakeImage(100, 80, ".webp"), "t.webp", "image/webp").status, 201);
  store_->app().jobs().RunDue();
  EXPECT_NE(std::string(ProductImages(tiny)[0].at("srcset").as_string()).find("-100.webp 100w"), std::string::npos);
}

TEST_F(ProductImagesTest, Upload_RejectsBadContentAndOversizedFilesStoringNothing) {
  const std::int64_t product = NewProduct("IMG-BAD");
  const std::int64_t rows = Scalar("SELECT COUNT(*) FROM product_images");
  const std::int64_t jobs_before = Scalar("SELECT COUNT(*) FROM jobs");

  Reply text = Upload(product, "just some text, not a picture\n", "photo.jpg", "image/jpeg");
  ASSERT_EQ(text.status, 422) << text.raw;
  EXPECT_TRUE(NamesField(text, "file", "unsupported_type")) << text.raw;

  std::string jpeg = MakeImage(400, 300, ".jpg");
  Reply cut = Upload(product, jpeg.substr(0, jpeg.size() / 3), "cut.jpg");
  ASSERT_EQ(cut.status, 422) << cut.raw;
  EXPECT_TRUE(NamesField(cut, "file", "undecodable")) << cut.raw;

  // Over 10 MiB: refused from the declared length, before the body is read.
  {
    HttpClient c(store_->port());
    auto huge = c.Raw("POST /api/v1/admin/products/" + std::to_string(product) +
                      "/images HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + admin_->access_token +
                      "\r\nContent-Type: multipart/form-data; boundary=bnd\r\nContent-Length: " +
                      std::to_string((10u << 20) + 1) + "\r\n\r\n--bnd\r\n");
    EXPECT_EQ(huge.status, 413) << huge.body;
    EXPECT_EQ(huge.Header("content-type"), "application/problem+json");
  }
  // Just under the limit the route takes the body (and refuses its content, not its size).
  Reply big = Upload(product, std::string("\xFF\xD8\xFF") + std::string((9u << 20), 'x'), "big.jpg");
  EXPECT_EQ(big.status, 422) << big.raw.substr(0, 300);

  Reply missing = Upload(999999, MakeImage(50, 50, ".png"), "a.png");
  EXPECT_EQ(missing.status, 404);

  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM product_images"), rows);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM jobs"), jobs_before);
  EXPECT_EQ(FilesOf(product), 0u);
}

TEST_F(ProductImagesTest, ReorderAndDelete) {
  const std::int64_t product = NewProduct("IMG-ORDER");
  const std::string png = MakeImage(60, 40, ".png");
  Reply a = Upload(product, png, "a.png", "image/png", manager_);
  Reply b = Upload(product, png, "b.png", "image/png", manager_);
  ASSERT_EQ(a.status, 201) << a.raw;
  ASSERT_EQ(b.status, 201) << b.raw;
  store_->app().jobs().RunDue();
  const std::int64_t ia = a.body.at("id").as_int64(), ib = b.body.at("id").as_int64();
  const std::string base = "/api/v1/admin/products/" + std::to_string(product) + "/images";

  auto wrong = Call("PUT", base + "/order", json::serialize(json::object{{"ids", {ia}}}), admin_);
  EXPECT_EQ(wrong.status, 422) << wrong.raw;
  auto ok = Call("PUT", base + "/order", json::serialize(json::object{{"ids", {ib, ia}}}), admin_);
  ASSERT_EQ(ok.status, 200) << ok.raw;
  json::array images = ProductImages(product);
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].at("id").as_int64(), ib);
  EXPECT_EQ(images[1].at("id").as_int64(), ia);

  EXPECT_EQ(FilesOf(product), 6u);
  auto del = Call("DELETE", base + "/" + std::to_string(ib), "", admin_);
  ASSERT_EQ(del.status, 204) << del.raw;
  EXPECT_EQ(FilesOf(product), 3u);
  EXPECT_EQ(ProductImages(product).size(), 1u);
  EXPECT_EQ(Call("DELETE", base + "/" + std::to_string(ib), "", admin_).status, 404);
  // Another product's image is not reachable through this product.
  const std::int64_t other = NewProduct("IMG-OTHER");
  EXPECT_EQ(Call("DELETE",
                    "/api/v1/admin/products/" + std::to_string(other) + "/images/" + std::to_string(ia), "", admin_)
                .status,
            404);
}

TEST_F(ProductImagesTest, Routes_CheckRoles) {
  const std::int64_t product = NewProduct("IMG-ROLES");
  const std::string png = MakeImage(20, 20, ".png");
  EXPECT_EQ(Upload(product, png, "a.png", "image/png", nullptr).status, 401);
  EXPECT_EQ(Upload(product, png, "a.png", "image/png", customer_).status, 403);
  const std::string base = "/api/v1/admin/products/" + std::to_string(product) + "/images";
  EXPECT_EQ(Call("PUT", base + "/order", R"({"ids":[]})", customer_).status, 403);
  EXPECT_EQ(Call("DELETE", base + "/1", "", customer_).status, 403);
  EXPECT_EQ(FilesOf(product), 0u);
}

}  // namespace
}  // namespace moderno::testing
