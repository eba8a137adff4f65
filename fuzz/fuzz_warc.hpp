#pragma once
// Fuzz entry "warc": archive::WarcReader over a file holding the input (plain or gzip records),
// archive::to_capture / parse_http_response on every record (HTTP parsing, de-chunking, gzip and
// deflate decoding) and WarcReader::read_at at each addressable record's offset.
// Input: the whole input is the file's content.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "dossier/archive/http_response.hpp"
#include "dossier/archive/warc_reader.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Caps used while fuzzing: small, so that the cap paths run and a gzip bomb stays cheap.
inline constexpr std::size_t k_warc_max_block = std::size_t{1} << 20;
inline constexpr std::size_t k_warc_max_body = std::size_t{1} << 20;
/// next() is called at most this many times: every call consumes input, so a reader that
/// needs more calls on a fuzz-sized file is looping.
inline constexpr int k_warc_max_calls = 100000;

/// The file the input is written to: one per process, in $TMPDIR (scripts/fuzz points it at
/// /dev/shm when there is one), removed at exit.
class WarcScratchFile {
public:
    WarcScratchFile() {
        std::error_code ec;
        m_path = std::filesystem::temp_directory_path(ec) / ("dossier-fuzz-" + std::to_string(::getpid()) + ".warc");
    }
    ~WarcScratchFile() {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
    }
    WarcScratchFile(const WarcScratchFile&) = delete;
    WarcScratchFile& operator=(const WarcScratchFile&) = delete;

    /// Replaces the file's content with `bytes`; false when it cannot be written.
    bool write(std::string_view bytes) const {
        std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return static_cast<bool>(out);
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// Checks one record that next() returned.
inline void check_warc_record(Violations& v, const archive::WarcRecord& rec, const std::filesystem::path& path,
                              std::size_t file_size, const archive::ReaderOptions& opts) {
    check(v, rec.offset < file_size, "warc: record offset past the end of the file");
    check(v, rec.block.size() <= opts.max_block_bytes, "warc: block over max_block_bytes");
    (void)rec.type();
    (void)rec.target_uri();
    (void)rec.record_id();
    auto capture = archive::to_capture(rec, path.string(), k_warc_max_body);
    if (!capture) check(v, starts_with(capture.error().message, "archive: "), "warc: capture error without prefix");
    else check(v, capture->body.size() <= k_warc_max_body, "warc: capture body over the cap");
    auto http = archive::parse_http_response(rec.block, k_warc_max_body);
    if (!http) check(v, starts_with(http.error().message, "archive: "), "warc: http error without prefix");
    if (!rec.addressable || rec.length == 0) return;
    // A record that says it can be read at its offset must be found there again.
    auto again = archive::WarcReader::read_at(path, rec.offset, opts);
    if (!again) v.push_back("warc: read_at(" + std::to_string(rec.offset) + ") fails: " + again.error().message);
    else check(v, again->block == rec.block && again->fields == rec.fields, "warc: read_at gives another record");
}

/// Runs one input through the WARC reader; returns the invariants broken.
inline Violations run_warc(std::string_view input) {
    static const WarcScratchFile scratch;
    Violations v;
    if (!scratch.write(input)) {
        v.emplace_back("warc: cannot write the scratch file " + scratch.path().string());
        return v;
    }
    archive::ReaderOptions opts;
    opts.max_block_bytes = k_warc_max_block;
    opts.max_header_bytes = std::size_t{64} << 10;
    auto reader = archive::WarcReader::open(scratch.path(), opts);
    if (!reader) {
        // Open sniffs the first bytes ("archive: not a warc file: ..."); the file itself is there.
        check(v, starts_with(reader.error().message, "archive: "), "warc: open error without the module prefix");
        return v;
    }
    for (int calls = 0;; ++calls) {
        if (calls == k_warc_max_calls) {
            v.emplace_back("warc: next() does not reach the end of the file");
            break;
        }
        auto rec = reader->next();
        if (!rec) {
            check(v, starts_with(rec.error().message, "archive: "), "warc: error without the module prefix");
            continue;
        }
        if (!*rec) break;
        check_warc_record(v, **rec, scratch.path(), input.size(), opts);
    }
    check(v, reader->complete_end() <= input.size(), "warc: complete_end past the end of the file");
    return v;
}

}  // namespace dossier::fuzz
