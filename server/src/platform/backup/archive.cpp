#include "platform/backup/archive.hpp"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <vector>

namespace moderno::backup {
namespace {

constexpr std::size_t kBlock = 512;
constexpr std::size_t kChunk = 64 * 1024;

gzFile Gz(void* p) { return static_cast<gzFile>(p); }

std::string Hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

void Octal(char* field, std::size_t width, std::uint64_t value) {
  // width-1 octal digits and a NUL, as ustar wants.
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

// The size field: octal up to 8 GiB, GNU base-256 beyond.
void SizeField(char* field, std::uint64_t size) {
  if (size < (1ULL << 33)) {
    Octal(field, 12, size);
    return;
  }
  std::memset(field, 0, 12);
  field[0] = static_cast<char>(0x80);
  for (int i = 11; i >= 4; --i, size >>= 8) field[i] = static_cast<char>(size & 0xff);
}

std::uint64_t ParseSize(const char* field) {
  if (static_cast<unsigned char>(field[0]) & 0x80) {
    std::uint64_t v = 0;
    for (int i = 4; i < 12; ++i) v = (v << 8) | static_cast<unsigned char>(field[i]);
    return v;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 12 && field[i] >= '0' && field[i] <= '7'; ++i) v = v * 8 + (field[i] - '0');
  return v;
}

unsigned HeaderChecksum(const unsigned char* block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : block[i];
  return sum;
}

std::string GzMessage(gzFile gz) {
  int err = Z_OK;
  const char* msg = gzerror(gz, &err);
  return msg && *msg ? msg : "read error";
}

}  // namespace

Sha256::Sha256() {
  static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(state_));
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256::Update(std::string_view data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256::HexDigest() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
  return Hex(out, sizeof out);
}

std::string Sha256File(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ArchiveError("cannot read " + path.string());
  Sha256 sha;
  std::vector<char> buf(kChunk);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    sha.Update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  return sha.HexDigest();
}

ArchiveWriter::ArchiveWriter(const std::filesystem::path& path) : path_(path), mtime_(std::time(nullptr)) {
  gz_ = gzopen(path.c_str(), "wb6");
  if (!gz_) throw ArchiveError("cannot create " + path.string());
}

ArchiveWriter::~ArchiveWriter() {
  if (gz_) gzclose(Gz(gz_));
}

void ArchiveWriter::Write(const void* data, std::size_t n) {
  if (n == 0) return;
  if (gzwrite(Gz(gz_), data, static_cast<unsigned>(n)) != static_cast<int>(n)) {
    throw ArchiveError("cannot write " + path_.string() + ": " + GzMessage(Gz(gz_)));
  }
}

void ArchiveWriter::Header(const std::string& name, std::uint64_t size) {
  std::array<unsigned char, kBlock> block{};
  char* h = reinterpret_cast<char*>(block.data());
  std::string prefix, base = name;
  if (name.size() > 100) {
    const auto slash = name.rfind('/', 155);
    if (slash == std::string::npos || name.size() - slash - 1 > 100) {
      throw ArchiveError("member name too long for the archive: " + name);
    }
    prefix = name.substr(0, slash);
    base = name.substr(slash + 1);
  }
  std::memcpy(h, base.data(), base.size());
  Octal(h + 100, 8, 0600);
  Octal(h + 108, 8, 0);
  Octal(h + 116, 8, 0);
  SizeField(h + 124, size);
  Octal(h + 136, 12, static_cast<std::uint64_t>(mtime_));
  h[156] = '0';
  std::memcpy(h + 257, "ustar", 6);
  std::memcpy(h + 263, "00", 2);
  std::memcpy(h + 345, prefix.data(), prefix.size());
  std::snprintf(h + 148, 8, "%06o", HeaderChecksum(block.data()));
  h[155] = ' ';
  Write(block.data(), block.size());
}

MemberDigest ArchiveWriter::AddFile(const std::string& name, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ArchiveError("cannot read " + file.string());
  const std::uint64_t size = std::filesystem::file_size(file);
  Header(name, size);
  Sha256 sha;
  std::vector<char> buf(kChunk);
  std::uint64_t done = 0;
  while (done < size) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(buf.size(), size - done)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) throw ArchiveError(file.string() + " shrank while it was archived");
    sha.Update(std::string_view(buf.data(), got));
    Write(buf.data(), got);
    done += got;
  }
  static const std::array<char, kBlock> zeros{};
  Write(zeros.data(), (kBlock - size % kBlock) % kBlock);
  return {name, size, sha.HexDigest()};
}

MemberDigest ArchiveWriter::AddBytes(const std::string& name, std::string_view bytes) {
  Header(name, bytes.size());
  Write(bytes.data(), bytes.size());
  static const std::array<char, kBlock> zeros{};
  Write(zeros.data(), (kBlock - bytes.size() % kBlock) % kBlock);
  Sha256 sha;
  sha.Update(bytes);
  return {name, bytes.size(), sha.HexDigest()};
}

void ArchiveWriter::Finish() {
  static const std::array<char, 2 * kBlock> zeros{};
  Write(zeros.data(), zeros.size());
  const int rc = gzclose(Gz(gz_));
  gz_ = nullptr;
  if (rc != Z_OK) throw ArchiveError("cannot finish " + path_.string());
}

namespace {

// Reads exactly n bytes or explains why the archive is damaged.
void ReadExact(gzFile gz, void* out, std::size_t n, const std::filesystem::path& path) {
  const int got = gzread(gz, out, static_cast<unsigned>(n));
  if (got == static_cast<int>(n)) return;
  if (got < 0) throw ArchiveError(path.string() + " is corrupted: " + GzMessage(gz));
  throw ArchiveError(path.string() + " is truncated (it ends in the middle of a member)");
}

bool IsZeroBlock(const unsigned char* b) {
  for (std::size_t i = 0; i < kBlock; ++i) {
    if (b[i]) return false;
  }
  return true;
}

std::string MemberName(const unsigned char* block) {
  const char* h = reinterpret_cast<const char*>(block);
  std::string name(h, strnlen(h, 100));
  std::string prefix(h + 345, strnlen(h + 345, 155));
  return prefix.empty() ? name : prefix + "/" + name;
}

}  // namespace

std::vector<MemberDigest> ReadArchive(
    const std::filesystem::path& path,
    const std::function<void(const std::string&, std::uint64_t, const ChunkReader&)>& on_member) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) throw ArchiveError("cannot open " + path.string());
  struct Closer {
    gzFile gz;
    ~Closer() { gzclose(gz); }
  } closer{gz};
  gzbuffer(gz, 128 * 1024);
  std::vector<MemberDigest> members;
  std::array<unsigned char, kBlock> block{};
  std::vector<char> buf(kChunk);
  for (bool first = true;; first = false) {
    ReadExact(gz, block.data(), kBlock, path);
    if (first && gzdirect(gz)) throw ArchiveError(path.string() + " is not a gzip-compressed backup archive");
    if (IsZeroBlock(block.data())) break;
    const char* h = reinterpret_cast<const char*>(block.data());
    unsigned stored = 0;
    std::sscanf(h + 148, "%o", &stored);
    if (std::memcmp(h + 257, "ustar", 5) != 0 || stored != HeaderChecksum(block.data())) {
      throw ArchiveError(path.string() + " is corrupted (a member header does not check out)");
    }
    if (h[156] != '0' && h[156] != '\0') continue;  // directories and links carry no data
    MemberDigest d{MemberName(block.data()), ParseSize(h + 124), {}};
    Sha256 sha;
    std::uint64_t left = d.size;
    ChunkReader next = [&]() -> std::string_view {
      if (left == 0) return {};
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left));
      ReadExact(gz, buf.data(), n, path);
      left -= n;
      sha.Update(std::string_view(buf.data(), n));
      return std::string_view(buf.data(), n);
    };
    on_member(d.name, d.size, next);
    while (!next().empty()) {
    }
    const std::size_t pad = (kBlock - d.size % kBlock) % kBlock;
    if (pad) ReadExact(gz, block.data(), pad, path);
    d.sha256 = sha.HexDigest();
    members.push_back(std::move(d));
  }
  // The rest of the stream (the second zero block and any padding) must decompress cleanly up
  // to the gzip trailer, whose CRC-32 and length cover every byte.
  for (;;) {
    const int got = gzread(gz, buf.data(), static_cast<unsigned>(buf.size()));
    if (got < 0) throw ArchiveError(path.string() + " is corrupted: " + GzMessage(gz));
    if (got == 0) break;
  }
  int err = Z_OK;
  gzerror(gz, &err);
  if (err != Z_OK || !gzeof(gz)) throw ArchiveError(path.string() + " is truncated or corrupted at its end");
  return members;
}

}  // namespace moderno::backup
