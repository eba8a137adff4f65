#pragma once
// WarcReader: streams the records of a WARC file, plain or gzip (WARC 1.1 section 4 and annex D),
// with memory bounded by one record. How it recovers from bad records: docs/warc.md.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "dossier/archive/http_response.hpp"
#include "dossier/archive/warc_record.hpp"
#include "dossier/core/result.hpp"

namespace dossier::archive {

struct ReaderOptions {
    /// A record whose Content-Length is larger is reported as an error and skipped without
    /// being held in memory.
    std::uint64_t max_block_bytes = k_default_max_body_bytes;
    /// A record header (version line and named fields) longer than this is an error.
    std::size_t max_header_bytes = std::size_t{1} << 20;
};

class WarcReader {
public:
    /// Opens a .warc or .warc.gz; gzip is detected by its magic bytes, not by the name (a file
    /// of concatenated gzip members, or plain records). Fails when the file cannot be opened.
    static core::Result<WarcReader> open(const std::filesystem::path& path, ReaderOptions options = {});

    WarcReader(WarcReader&& other) noexcept;
    WarcReader& operator=(WarcReader&& other) noexcept;
    WarcReader(const WarcReader&) = delete;
    WarcReader& operator=(const WarcReader&) = delete;
    ~WarcReader();

    /// The next record of any type (the caller skips types it does not use), or nullopt at the
    /// end. A bad record (truncated or corrupt gzip member, bad header, wrong Content-Length,
    /// block over the cap, torn final record) yields an error naming offset and file
    /// ("archive: truncated gzip member at offset 1234: x.warc.gz"); the next call resumes at
    /// the next record (next valid gzip member / next "WARC/1." line after a blank line), so
    /// the caller reports the error and calls next() again.
    core::Result<std::optional<WarcRecord>> next();

    /// Offset just past the last record that was complete on disk (block and CRLF CRLF present,
    /// gzip member intact), whether or not it was returned (an over-cap record counts).
    /// Anything after it when next() has returned nullopt is a torn or unreadable tail.
    std::uint64_t complete_end() const;

    /// The file being read.
    const std::filesystem::path& path() const;

    /// Reads the single record at `offset` (a WarcRecord::offset / CaptureRef::offset). Fails
    /// with the same errors as next(), or "archive: no record at offset N: FILE".
    static core::Result<WarcRecord> read_at(const std::filesystem::path& path, std::uint64_t offset,
                                            ReaderOptions options = {});

private:
    struct Impl;
    explicit WarcReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dossier::archive
