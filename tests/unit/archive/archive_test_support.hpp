#pragma once
// Helpers for the archive tests: temporary directories, whole-file I/O, and gzip members made
// and taken apart with zlib directly (independently of the code under test).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/archive/warc_reader.hpp"

namespace dossier::archive::test {

/// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(std::string_view name) const { return m_path / std::string(name); }

private:
    std::filesystem::path m_path;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view bytes);
/// tests/fixtures/archive/<name>
std::filesystem::path fixture(std::string_view name);

/// One complete gzip member holding `data`.
std::string gzip_member(std::string_view data);
/// A raw deflate stream (no header) or a zlib stream of `data`.
std::string deflate_raw(std::string_view data);
std::string deflate_zlib(std::string_view data);

struct Member {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    std::string data;  ///< decompressed
};
/// Splits a .warc.gz image into its gzip members, inflating each on its own. Throws (fails
/// the test) when a member is bad.
std::vector<Member> gzip_members(std::string_view file);

/// What one pass of WarcReader::next() over a file gave: records and errors, in order.
struct Pass {
    std::vector<WarcRecord> records;
    std::vector<std::string> errors;
    std::vector<std::string> events;  ///< record types and "error", in order
};
/// Reads `path` to the end, collecting records and errors (fails the test if it cannot open).
Pass read_pass(const std::filesystem::path& path, ReaderOptions options = {});

/// The warcio-style fixture compressed one gzip member per record, as warcio writes it, in
/// `dir`; `member_offsets` receives where each member starts.
std::filesystem::path make_gzip_fixture(const TempDir& dir, std::vector<std::uint64_t>& member_offsets);

/// `text` with the first `from` replaced by `to` (fails the test when `from` is absent).
std::string replace_once(std::string text, const std::string& from, const std::string& to);

}  // namespace dossier::archive::test
