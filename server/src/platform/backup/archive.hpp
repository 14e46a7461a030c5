#pragma once
// The backup archive container: a POSIX ustar stream compressed with gzip (zlib), so GNU tar
// can list and unpack it (`tar tzf`), written and read by our own code with the SHA-256 and
// size of every member taken on the way. A truncated or corrupted stream fails when read (the
// gzip trailer holds a CRC-32 and the length of the whole stream).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace moderno::backup {

// Any failure to read, write or trust an archive; the message is for the operator.
class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What was written or read of one member.
struct MemberDigest {
  std::string name;
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex
};

// Streaming SHA-256 (libsodium), lower-case hex at the end.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  std::string HexDigest();

 private:
  alignas(64) unsigned char state_[256];
};

// SHA-256 of a whole file.
std::string Sha256File(const std::filesystem::path& path);

// Writes members one after another into PATH (gzip level 6).
class ArchiveWriter {
 public:
  explicit ArchiveWriter(const std::filesystem::path& path);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;
  // Adds a file's bytes under `name` (a relative path with '/').
  MemberDigest AddFile(const std::string& name, const std::filesystem::path& file);
  // Adds bytes under `name`.
  MemberDigest AddBytes(const std::string& name, std::string_view bytes);
  // Writes the end-of-archive blocks and closes the stream; throws when anything failed.
  void Finish();

 private:
  void Header(const std::string& name, std::uint64_t size);
  void Write(const void* data, std::size_t n);
  void* gz_ = nullptr;
  std::filesystem::path path_;
  long long mtime_ = 0;
};

// Reads every member in order; `on_member(name, size, read_chunk)` is called per member, and
// read_chunk(buffer) returns the next piece (empty at the member's end). Members that the
// callback does not read fully are skipped. Returns the digests of every member.
using ChunkReader = std::function<std::string_view()>;
std::vector<MemberDigest> ReadArchive(
    const std::filesystem::path& path,
    const std::function<void(const std::string& name, std::uint64_t size, const ChunkReader& next)>& on_member);

}  // namespace moderno::backup
