// The signed-in customer's profile, addresses and privacy rights over real sockets, on both
// databases: profile and phone, address book rules, IDOR, encryption at rest, export, erasure
// and key rotation.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "accounts/profile/rotate_key.hpp"
#include "accounts/profile/service.hpp"
#include "http_suite.hpp"
#include "platform/crypto/cipher.hpp"

namespace moderno::testing {
namespace {

namespace json = boost::json;

std::string Str(const json::value& v) { return std::string(v.as_string()); }

// A valid Chilean address; `street` makes each one recognisable.
json::object Address(const std::string& street) {
  return {{"label", "Casa"},
          {"recipient_name", "Ana Pérez"},
          {"street", street},
          {"number", "1234"},
          {"apartment", "Depto 501"},
          {"comuna", "Providencia"},
          {"city", "Santiago"},
          {"region", "Región Metropolitana"},
          {"postal_code", "7500000"},
          {"phone", "+56 9 8765 4321"}};
}

std::string FileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ProfileHttpTest : public HttpSuite {
 protected:
  void SetUp() override { StartStore(); }
  void TearDown() override { StopStore(); }

  // HttpSuite::FieldCodes, sorted.
  static std::vector<std::string> FieldCodes(const HttpResult& r) {
    std::vector<std::string> out = HttpSuite::FieldCodes(r);
    std::ranges::sort(out);
    return out;
  }

  HttpResult Call(const std::string& method, const std::string& path, const Headers& auth,
                  const std::string& body = {}) {
    HttpClient c(store_->port());
    return c.Request(method, path, auth, body);
  }
  HttpResult Call(const std::string& method, const std::string& path, const Headers& auth,
                  const json::object& body) {
    return Call(method, path, auth, json::serialize(body));
  }
  // Creates an address for `u` and returns its JSON.
  json::object AddAddress(const TestUser& u, const json::object& body) {
    auto r = Call("POST", "/api/v1/me/addresses", u.auth(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    return Json(r);
  }
  std::vector<json::object> Addresses(const TestUser& u) {
    auto r = Call("GET", "/api/v1/me/addresses", u.auth());
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<json::object> out;
    const json::object body = Json(r);
    for (const auto& a : body.at("data").as_array()) out.push_back(a.as_object());
    return out;
  }
  db::Database& db() { return store_->app().db(); }
  bool Sqlite() const { return !UsingMysql(); }
  // The SQLite file and its WAL after moving every committed page into the file, so that
  // what a disk image would show is what is searched.
  std::string SqliteBytes() {
    auto conn = db::Connect(store_->database().url());
    auto rows = conn->Query("PRAGMA wal_checkpoint(TRUNCATE)", {});
    EXPECT_EQ(rows.at(0).Int(0), 0) << "the checkpoint was blocked by a reader";
    const auto file = store_->database().dir() / "moderno.db";
    std::string bytes = FileBytes(file);
    if (std::filesystem::exists(file.string() + "-wal")) bytes += FileBytes(file.string() + "-wal");
    return bytes;
  }
};

TEST_F(ProfileHttpTest, ProfileGetAndUpdate) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  EXPECT_EQ(Call("GET", "/api/v1/me", {}).status, 401);

  auto me = Call("GET", "/api/v1/me", u.auth());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Header("cache-control"), "no-store");
  auto p = Json(me);
  EXPECT_EQ(p["id"].as_int64(), u.id);
  EXPECT_EQ(Str(p["email"]), u.email);
  EXPECT_EQ(Str(p["role"]), "customer");
  EXPECT_TRUE(p["phone"].is_null());
  EXPECT_TRUE(p["email_verified"].as_bool());
  EXPECT_TRUE(p["is_active"].as_bool());
  EXPECT_TRUE(Str(p["created_at"]).ends_with("Z"));
  EXPECT_TRUE(p.contains("updated_at"));
  EXPECT_EQ(me.body.find("password"), std::string::npos);

  auto put = Call("PUT", "/api/v1/me", u.auth(),
                  json::object{{"name", " Ana Pérez "}, {"phone", "+56 9 1234 5678"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Str(Json(put)["name"]), "Ana Pérez");
  EXPECT_EQ(Str(Json(put)["phone"]), "+56912345678");
  EXPECT_EQ(Str(Json(Call("GET", "/api/v1/me", u.auth()))["phone"]), "+56912345678");

  // Only the name: the phone stays.
  auto name_only = Call("PUT", "/api/v1/me", u.auth(), json::object{{"name", "Ana María"}});
  EXPECT_EQ(Str(Json(name_only)["phone"]), "+56912345678");

  for (const char* bad : {"12345", "+56 9 1234 567a", "56+912345678", "12345678901234567"}) {
    auto r = Call("PUT", "/api/v1/me", u.auth(), json::object{{"phone", bad}});
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(FieldCodes(r), std::vector<std::string>{"phone:invalid"}) << bad;
  }
  EXPECT_EQ(FieldCodes(Call("PUT", "/api/v1/me", u.auth(), json::object{{"name", "  "}})),
            std::vector<std::string>{"name:required"});
  EXPECT_EQ(FieldCodes(Call("PUT", "/api/v1/me", u.auth(),
                            json::object{{"email", "otro@prueba.cl"}, {"role", "admin"}})),
            (std::vector<std::string>{"email:read_only", "role:read_only"}));
  EXPECT_EQ(Call("PUT", "/api/v1/me", u.auth(), std::string("{nope")).status, 400);
  EXPECT_EQ(Str(Json(Call("GET", "/api/v1/me", u.auth()))["role"]), "customer");

  auto cleared = Call("PUT", "/api/v1/me", u.auth(), json::object{{"phone", nullptr}});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(Json(cleared)["phone"].is_null());
}

TEST_F(ProfileHttpTest, AddressCrudAndDefaultSwitching) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  EXPECT_TRUE(Addresses(u).empty());

  auto created = Call("POST", "/api/v1/me/addresses", u.auth(), Address("Av. Providencia"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto home = Json(created);
  const auto home_id = home["id"].as_int64();
  EXPECT_EQ(created.Header("location"), "/api/v1/me/addresses/" + std::to_string(home_id));
  EXPECT_EQ(Str(home["street"]), "Av. Providencia");
  EXPECT_EQ(Str(home["region"]), "Metropolitana de Santiago");
  EXPECT_EQ(Str(home["country"]), "CL");
  EXPECT_EQ(Str(home["phone"]), "+56987654321");
  EXPECT_TRUE(home["is_default_shipping"].as_bool()) << "the first address is the default";
  EXPECT_TRUE(home["is_default_billing"].as_bool());

  auto office_body = Address("Av. Apoquindo");
  office_body["label"] = "Oficina";
  office_body["number"] = 3000;  // a number as a JSON number is accepted
  office_body["region"] = "CL-RM";
  office_body["is_default_shipping"] = true;
  auto office = AddAddress(u, office_body);
  const auto office_id = office["id"].as_int64();
  EXPECT_EQ(Str(office["number"]), "3000");
  EXPECT_TRUE(office["is_default_shipping"].as_bool());
  EXPECT_FALSE(office["is_default_billing"].as_bool());

  auto list = Addresses(u);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"].as_int64(), home_id);
  EXPECT_FALSE(list[0]["is_default_shipping"].as_bool()) << "a new default clears the old one";
  EXPECT_TRUE(list[0]["is_default_billing"].as_bool());
  EXPECT_TRUE(list[1]["is_default_shipping"].as_bool());

  // PUT changes the fields it names; the others stay.
  const std::string home_path = "/api/v1/me/addresses/" + std::to_string(home_id);
  auto updated = Call("PUT", home_path, u.auth(),
                      json::object{{"apartment", nullptr}, {"is_default_shipping", true},
                                   {"region", "Valparaíso"}, {"comuna", "Viña del Mar"},
                                   {"city", "Viña del Mar"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_TRUE(Json(updated)["apartment"].is_null());
  EXPECT_EQ(Str(Json(updated)["street"]), "Av. Providencia");
  EXPECT_EQ(Str(Json(updated)["region"]), "Valparaíso");
  list = Addresses(u);
  EXPECT_TRUE(list[0]["is_default_shipping"].as_bool());
  EXPECT_FALSE(list[1]["is_default_shipping"].as_bool());
  EXPECT_EQ(std::ranges::count_if(list, [](auto& a) { return a["is_default_billing"].as_bool(); }), 1);

  auto one = Call("GET", home_path, u.auth());
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Str(Json(one)["comuna"]), "Viña del Mar");

  EXPECT_EQ(Call("DELETE", home_path, u.auth()).status, 204);
  EXPECT_EQ(Call("GET", home_path, u.auth()).status, 404);
  EXPECT_EQ(Call("DELETE", home_path, u.auth()).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/me/addresses/abc", u.auth()).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/me/addresses/" + std::to_string(office_id), {}).status, 401);
  ASSERT_EQ(Addresses(u).size(), 1u);
}

TEST_F(ProfileHttpTest, AddressValidation) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  auto empty = Call("POST", "/api/v1/me/addresses", u.auth(), json::object{});
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(FieldCodes(empty), (std::vector<std::string>{"city:required", "comuna:required",
                                                         "number:required", "region:required",
                                                         "street:required"}));

  auto mendoza = Address("San Martín");
  mendoza["region"] = "Mendoza";
  auto r = Call("POST", "/api/v1/me/addresses", u.auth(), mendoza);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(FieldCodes(r), std::vector<std::string>{"region:invalid"});
  mendoza["country"] = "AR";
  mendoza["postal_code"] = "M5500";
  EXPECT_EQ(Call("POST", "/api/v1/me/addresses", u.auth(), mendoza).status, 201)
      << "outside Chile the region is free text";

  auto bad = Address("Los Leones");
  bad["phone"] = "llámame";
  bad["country"] = "Narnia";
  bad["street"] = 12;
  bad["is_default_billing"] = "yes";
  EXPECT_EQ(FieldCodes(Call("POST", "/api/v1/me/addresses", u.auth(), bad)),
            (std::vector<std::string>{"is_default_billing:type", "street:type"}));
  bad.erase("street");
  bad.erase("is_default_billing");
  EXPECT_EQ(FieldCodes(Call("POST", "/api/v1/me/addresses", u.auth(), bad)),
            (std::vector<std::string>{"country:invalid", "phone:invalid", "street:required"}));

  // Clearing a required field on update is refused, and the address is unchanged.
  auto home = AddAddress(u, Address("Av. Providencia"));
  const std::string path = "/api/v1/me/addresses/" + std::to_string(home["id"].as_int64());
  auto cleared = Call("PUT", path, u.auth(), json::object{{"street", nullptr}, {"region", "Narnia"}});
  EXPECT_EQ(FieldCodes(cleared), (std::vector<std::string>{"region:invalid", "street:required"}));
  EXPECT_EQ(Str(Json(Call("GET", path, u.auth()))["street"]), "Av. Providencia");
}

TEST_F(ProfileHttpTest, TheSeedsAddressIsSavedAsTheSeedWritesIt) {
  // The address of the seed's POST /orders example: the number at the end of the street, the
  // city naming the comuna, no region, the country by name.
  auto u = store_->CreateUser(http::Role::kCustomer);
  auto saved = AddAddress(u, json::object{{"street", "Av. Principal 123"},
                                          {"city", "Santiago"},
                                          {"postal_code", "8320000"},
                                          {"country", "Chile"}});
  EXPECT_EQ(Str(saved["street"]), "Av. Principal");
  EXPECT_EQ(Str(saved["number"]), "123");
  EXPECT_EQ(Str(saved["comuna"]), "Santiago");
  EXPECT_EQ(Str(saved["region"]), "Metropolitana de Santiago");
  EXPECT_EQ(Str(saved["country"]), "CL");

  // A PUT with a new comuna moves the region; a street "sin número" is S/N.
  const std::string path = "/api/v1/me/addresses/" + std::to_string(saved["id"].as_int64());
  auto moved = Call("PUT", path, u.auth(),
                    json::object{{"street", "Camino a Lo Orozco S/N"}, {"comuna", "Quilpué"}, {"city", "Quilpué"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Str(Json(moved)["street"]), "Camino a Lo Orozco");
  EXPECT_EQ(Str(Json(moved)["number"]), "S/N");
  EXPECT_EQ(Str(Json(moved)["region"]), "Valparaíso");

  // What is really missing or wrong is named.
  auto no_number = Call("POST", "/api/v1/me/addresses", u.auth(),
                        json::object{{"street", "Av. Principal"}, {"city", "Santiago"}, {"country", "cl"}});
  EXPECT_EQ(no_number.status, 422);
  EXPECT_EQ(FieldCodes(no_number), std::vector<std::string>{"number:required"});
  auto nowhere = Call("POST", "/api/v1/me/addresses", u.auth(),
                      json::object{{"street", "Av. Principal 123"}, {"city", "Springfield"}, {"country", "Chile"}});
  EXPECT_EQ(FieldCodes(nowhere), (std::vector<std::string>{"comuna:required", "region:required"}));
  auto contradiction = Call("POST", "/api/v1/me/addresses", u.auth(),
                            json::object{{"street", "Av. Principal 123"}, {"comuna", "Providencia"},
                                         {"city", "Santiago"}, {"region", "Biobío"}});
  EXPECT_EQ(FieldCodes(contradiction), std::vector<std::string>{"region:mismatch"});
  EXPECT_EQ(Addresses(u).size(), 1u);
}

TEST_F(ProfileHttpTest, AtMostTwentyAddresses) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  for (int i = 0; i < 20; ++i) AddAddress(u, Address("Calle " + std::to_string(i)));
  auto over = Call("POST", "/api/v1/me/addresses", u.auth(), Address("Calle 21"));
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(FieldCodes(over), std::vector<std::string>{"addresses:limit_reached"});
  EXPECT_EQ(Addresses(u).size(), 20u);
  EXPECT_EQ(std::ranges::count_if(Addresses(u),
                                  [](auto& a) { return a["is_default_shipping"].as_bool(); }),
            1);
}

TEST_F(ProfileHttpTest, ConcurrentWritesKeepOneDefaultAndTheLimit) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  for (int i = 0; i < 16; ++i) AddAddress(u, Address("Calle " + std::to_string(i)));
  // Eight requests at once, each wanting to be the default: the user's row lock serialises
  // them, so exactly four fit under the limit and exactly one default remains.
  std::vector<int> statuses(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto body = Address("Carrera " + std::to_string(i));
      body["is_default_shipping"] = true;
      statuses[static_cast<std::size_t>(i)] = Call("POST", "/api/v1/me/addresses", u.auth(), body).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::ranges::count(statuses, 201), 4);
  EXPECT_EQ(std::ranges::count(statuses, 422), 4);
  auto list = Addresses(u);
  EXPECT_EQ(list.size(), 20u);
  EXPECT_EQ(std::ranges::count_if(list, [](auto& a) { return a["is_default_shipping"].as_bool(); }), 1);
  EXPECT_EQ(std::ranges::count_if(list, [](auto& a) { return a["is_default_billing"].as_bool(); }), 1);
}

TEST_F(ProfileHttpTest, AnotherUsersAddressIsNotFoundAndNeverExported) {
  auto ana = store_->CreateUser(http::Role::kCustomer);
  auto beto = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("PUT", "/api/v1/me", ana.auth(), json::object{{"phone", "+56911112222"}}).status, 200);
  auto home = AddAddress(ana, Address("Calle Secreta"));
  const std::string path = "/api/v1/me/addresses/" + std::to_string(home["id"].as_int64());

  const auto missing = Call("GET", "/api/v1/me/addresses/99999999", beto.auth());
  EXPECT_EQ(missing.status, 404);
  auto get = Call("GET", path, beto.auth());
  EXPECT_EQ(get.status, 404) << "never 403: the address's existence is not revealed";
  EXPECT_EQ(Str(Json(get)["type"]), Str(Json(missing)["type"]));
  EXPECT_EQ(Call("PUT", path, beto.auth(), json::object{{"street", "Robada"}}).status, 404);
  EXPECT_EQ(Call("DELETE", path, beto.auth()).status, 404);
  EXPECT_TRUE(Addresses(beto).empty());

  auto mine = Call("GET", path, ana.auth());
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(Str(Json(mine)["street"]), "Calle Secreta") << "untouched by the other user";

  auto beto_export = Call("GET", "/api/v1/me/export", beto.auth());
  ASSERT_EQ(beto_export.status, 200);
  for (const std::string& secret : {std::string("Calle Secreta"), std::string("+56911112222"),
                                    std::string("+56987654321"), ana.email}) {
    EXPECT_EQ(beto_export.body.find(secret), std::string::npos) << secret;
  }
}

TEST_F(ProfileHttpTest, PersonalDataIsEncryptedAtRest) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("PUT", "/api/v1/me", u.auth(), json::object{{"phone", "+56955501234"}}).status, 200);
  auto body = Address("Pasaje Cifrado");
  body["phone"] = "+56966607777";
  AddAddress(u, body);

  struct Raw {
    std::string user_phone, street, number, apartment, recipient, phone, comuna, region;
  };
  auto raw = db().Read([&](db::UnitOfWork& uow) -> Result<Raw> {
    auto a = uow.QueryOne("SELECT street, number, apartment, recipient_name, phone, comuna, region "
                          "FROM addresses WHERE user_id = ?", {u.id});
    auto p = uow.QueryOne("SELECT phone FROM users WHERE id = ?", {u.id});
    return Raw{p->Str(0), a->Str(0), a->Str(1), a->Str(2), a->Str(3), a->Str(4), a->Str(5), a->Str(6)};
  });
  ASSERT_TRUE(raw) << raw.error().internal;
  for (const std::string* v : {&raw->user_phone, &raw->street, &raw->number, &raw->apartment,
                               &raw->recipient, &raw->phone}) {
    EXPECT_TRUE(v->starts_with("v1:")) << *v;
  }
  EXPECT_EQ(raw->street.find("Cifrado"), std::string::npos);
  EXPECT_EQ(raw->user_phone.find("55501234"), std::string::npos);
  EXPECT_EQ(raw->phone.find("66607777"), std::string::npos);
  EXPECT_EQ(raw->comuna, "Providencia") << "comuna and region stay plain for shipping rates";
  EXPECT_EQ(raw->region, "Metropolitana de Santiago");
  EXPECT_EQ(*store_->app().cipher().Decrypt(raw->street), "Pasaje Cifrado");

  if (Sqlite()) {
    const std::string bytes = SqliteBytes();
    EXPECT_NE(bytes.find("Providencia"), std::string::npos) << "the search itself works";
    for (const char* plain : {"Pasaje Cifrado", "55501234", "66607777", "Depto 501"}) {
      EXPECT_EQ(bytes.find(plain), std::string::npos) << plain << " is in the database file";
    }
  }
}

TEST_F(ProfileHttpTest, ExportContainsWhatWasStored) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("PUT", "/api/v1/me", u.auth(),
                 json::object{{"name", "Ana Pérez"}, {"phone", "+56912345678"}}).status, 200);
  AddAddress(u, Address("Av. Providencia"));
  auto office = Address("Av. Apoquindo");
  office["label"] = "Oficina";
  office["apartment"] = nullptr;
  AddAddress(u, office);

  auto r = Call("GET", "/api/v1/me/export", u.auth());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-disposition"), "attachment; filename=\"mis-datos.json\"");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  auto e = Json(r);
  auto& profile = e["profile"].as_object();
  EXPECT_EQ(profile["id"].as_int64(), u.id);
  EXPECT_EQ(Str(profile["email"]), u.email);
  EXPECT_EQ(Str(profile["name"]), "Ana Pérez");
  EXPECT_EQ(Str(profile["phone"]), "+56912345678");
  EXPECT_EQ(Str(profile["password"]), "[set]");
  auto& addresses = e["addresses"].as_array();
  ASSERT_EQ(addresses.size(), 2u);
  EXPECT_EQ(Str(addresses[0].at("street")), "Av. Providencia");
  EXPECT_EQ(Str(addresses[0].at("apartment")), "Depto 501");
  EXPECT_EQ(Str(addresses[0].at("recipient_name")), "Ana Pérez");
  EXPECT_EQ(Str(addresses[0].at("phone")), "+56987654321");
  EXPECT_EQ(Str(addresses[1].at("label")), "Oficina");
  EXPECT_TRUE(addresses[1].at("apartment").is_null());
  // The sign-in of CreateUser left a session and a login attempt.
  EXPECT_GE(e["sessions"].as_array().size(), 1u);
  EXPECT_GE(e["login_attempts"].as_array().size(), 1u);
  for (const char* key : {"reviews", "email_tokens", "password_history", "revoked_access_tokens"}) {
    EXPECT_TRUE(e[key].is_array()) << key;
  }
  EXPECT_TRUE(e["audit_log"].at("by_you").is_array());

  // No hash of a password or token leaves the server.
  EXPECT_EQ(r.body.find("$argon2"), std::string::npos);
  EXPECT_EQ(r.body.find(crypto::Sha256Hex(u.refresh_token)), std::string::npos);
  EXPECT_EQ(r.body.find(u.refresh_token), std::string::npos);
  EXPECT_EQ(r.body.find("v1:"), std::string::npos) << "everything is decrypted";
}

TEST_F(ProfileHttpTest, DeleteAccountErasesPersonalDataAndFreesTheEmail) {
  auto u = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("PUT", "/api/v1/me", u.auth(), json::object{{"phone", "+56977788899"}}).status, 200);
  AddAddress(u, Address("Calle del Olvido"));
  auto other = store_->CreateUser(http::Role::kCustomer);
  AddAddress(other, Address("Calle Vecina"));

  EXPECT_EQ(Call("DELETE", "/api/v1/me", u.auth(), json::object{}).status, 422);
  auto wrong = Call("DELETE", "/api/v1/me", u.auth(), json::object{{"password", "Otra#Clave99"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Str(Json(wrong)["type"]), "https://moderno.dev/problems/wrong_password");
  ASSERT_EQ(Call("GET", "/api/v1/me", u.auth()).status, 200) << "nothing changed";

  auto erased = Call("DELETE", "/api/v1/me", u.auth(), json::object{{"password", u.password}});
  ASSERT_EQ(erased.status, 204) << erased.body;
  EXPECT_EQ(Call("GET", "/api/v1/me", u.auth()).status, 401) << "the old access token died";
  EXPECT_EQ(Call("POST", "/api/v1/auth/refresh", {},
                 json::object{{"refresh_token", u.refresh_token}}).status, 401);

  struct Left {
    std::string email, name, password_hash;
    bool phone_null;
    std::int64_t active, addresses, sessions, other_addresses;
  };
  auto left = db().Read([&](db::UnitOfWork& uow) -> Result<Left> {
    auto row = uow.QueryOne("SELECT email, name, password_hash, phone IS NULL, is_active FROM users "
                            "WHERE id = ?", {u.id});
    Left l{row->Str(0), row->Str(1), row->Str(2), row->Bool(3), row->Int(4), 0, 0, 0};
    l.addresses = uow.QueryOne("SELECT COUNT(*) FROM addresses WHERE user_id = ?", {u.id})->Int(0);
    l.sessions = uow.QueryOne("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = ?", {u.id})->Int(0);
    l.other_addresses =
        uow.QueryOne("SELECT COUNT(*) FROM addresses WHERE user_id = ?", {other.id})->Int(0);
    return l;
  });
  ASSERT_TRUE(left) << left.error().internal;
  EXPECT_EQ(left->email, "deleted-" + std::to_string(u.id) + "@anonimizado.invalid");
  EXPECT_EQ(left->name, "Cliente eliminado");
  EXPECT_TRUE(left->phone_null);
  EXPECT_EQ(left->active, 0);
  EXPECT_FALSE(left->password_hash.starts_with("$argon2")) << "no password opens it again";
  EXPECT_EQ(left->addresses, 0);
  EXPECT_EQ(left->sessions, 0);
  EXPECT_EQ(left->other_addresses, 1) << "only the erased user's rows go";

  if (Sqlite()) {
    const std::string bytes = SqliteBytes();
    for (const std::string& pii : {u.email, std::string("Calle del Olvido"), std::string("77788899")}) {
      EXPECT_EQ(bytes.find(pii), std::string::npos) << pii << " is still in the database file";
    }
    EXPECT_NE(bytes.find(other.email), std::string::npos) << "the search itself works";
  }

  // (After the file search: a failed sign-in is itself recorded with the email it tried.)
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", {},
                 json::object{{"email", u.email}, {"password", u.password}}).status, 401);

  // The email is free again.
  auto again = Call("POST", "/api/v1/auth/register", {},
                    json::object{{"email", u.email}, {"password", "Secreto#2027"}, {"name", "Ana"}});
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_NE(Json(again)["id"].as_int64(), u.id);
}

TEST_F(ProfileHttpTest, RotateKeyKeepsEveryRecordReadable) {
  auto ana = store_->CreateUser(http::Role::kCustomer);
  auto beto = store_->CreateUser(http::Role::kCustomer);
  ASSERT_EQ(Call("PUT", "/api/v1/me", ana.auth(), json::object{{"phone", "+56911112222"}}).status, 200);
  AddAddress(ana, Address("Av. Providencia"));
  auto no_phone = Address("Los Leones");
  no_phone["phone"] = nullptr;
  no_phone["apartment"] = nullptr;
  AddAddress(ana, no_phone);
  AddAddress(beto, Address("Av. Matta"));

  const crypto::Cipher& old_key = store_->app().cipher();
  const crypto::Cipher new_key = *crypto::Cipher::FromBase64Key(crypto::Cipher::NewBase64Key());
  auto count = accounts::profile::RotateEncryptionKey(db(), old_key, new_key);
  ASSERT_TRUE(count) << count.error().detail;
  // ana's phone, 5 + 3 address values (recipient, street, number, apartment, phone), beto's 5.
  EXPECT_EQ(*count, 1 + 5 + 3 + 5);

  accounts::profile::Service with_new(db(), new_key);
  accounts::profile::Service with_old(db(), old_key);
  EXPECT_EQ(with_new.GetProfile(ana.id)->phone, "+56911112222");
  auto ana_addresses = with_new.ListAddresses(ana.id);
  ASSERT_TRUE(ana_addresses);
  ASSERT_EQ(ana_addresses->size(), 2u);
  EXPECT_EQ((*ana_addresses)[0].fields.street, "Av. Providencia");
  EXPECT_EQ((*ana_addresses)[0].fields.apartment, "Depto 501");
  EXPECT_EQ((*ana_addresses)[1].fields.street, "Los Leones");
  EXPECT_FALSE((*ana_addresses)[1].fields.phone);
  EXPECT_EQ(with_new.ListAddresses(beto.id)->at(0).fields.street, "Av. Matta");
  EXPECT_FALSE(with_old.GetProfile(ana.id)) << "the old key opens nothing any more";
  EXPECT_FALSE(with_old.ListAddresses(ana.id));
  EXPECT_FALSE(with_old.ListAddresses(beto.id));

  // Rotating again from the wrong key fails and changes nothing.
  auto wrong = accounts::profile::RotateEncryptionKey(db(), old_key, new_key);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(with_new.GetProfile(ana.id)->phone, "+56911112222");
}

}  // namespace
}  // namespace moderno::testing
