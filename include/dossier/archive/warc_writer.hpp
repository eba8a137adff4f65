#pragma once
// WarcWriter: appends WARC 1.1 records to a file, one gzip member per record (WARC 1.1 annex
// D.2) for a .gz path. The record layout, field by field, is described in docs/warc.md.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/capture.hpp"
#include "dossier/core/result.hpp"

namespace dossier::archive {

/// What the warcinfo record says about the software and the crawl (WARC 1.1 section 6.2).
/// Empty members are left out of the record; software defaults to "dossier".
struct WarcInfo {
    std::string software;       ///< "dossier/0.1.0 (+https://...)"
    std::string operator_name;  ///< contact for the operator
    std::string description;
    std::string robots;      ///< robots policy, "classic" when robots.txt is obeyed
    std::string user_agent;  ///< written as http-header-user-agent
};

/// Writes records to one WARC file. Move-only; the destructor closes the file (records are
/// already flushed to the OS after every write, see flush()).
///
/// Appending: open() on an existing file first reads it through to find the end of its last
/// complete record. Bytes after it (a record torn by a crawl killed mid-write) are moved to
/// "<path>.torn-<offset>" beside the file and the file is truncated there, so the WARC stays
/// readable by every tool and nothing is deleted. A new warcinfo record is then written: it
/// describes the records that follow it (WARC 1.1 section 6.2 allows warcinfo anywhere).
class WarcWriter {
public:
    /// Creates `path` (gzip records when its name ends in ".gz", plain otherwise) or appends
    /// to it (keeping the format the existing file has), and writes a warcinfo record. Fails
    /// when the file cannot be opened, read or written, or when an existing non-empty file
    /// does not start like a WARC ("archive: not a warc file, will not append: PATH").
    static core::Result<WarcWriter> open(const std::filesystem::path& path, const WarcInfo& info);

    WarcWriter(WarcWriter&& other) noexcept;
    WarcWriter& operator=(WarcWriter&& other) noexcept;
    WarcWriter(const WarcWriter&) = delete;
    WarcWriter& operator=(const WarcWriter&) = delete;
    ~WarcWriter();

    /// Writes a `response` record (WARC 1.1 section 6.3) for an HTTP response block (status
    /// line + headers + CRLF + body, exactly as received) fetched from `target_uri` at
    /// `fetched_at` (unix seconds, written as WARC-Date UTC). `ip_address`, when given, is
    /// written as WARC-IP-Address. Returns where the record landed: warc_file = the file name
    /// (no directory), offset and length of its gzip member (or plain record). Fails when the
    /// URI or IP address would break the header (whitespace, control characters) or on a write
    /// error; after a failed write the file is cut back to where the record began.
    /// `truncated`, when given, is written as WARC-Truncated (section 5.13: "length", "time",
    /// "disconnect" or "unspecified"): the block is not the whole response.
    core::Result<core::CaptureRef> write_response(std::string_view target_uri, std::int64_t fetched_at,
                                                  std::string_view http_block,
                                                  std::string_view ip_address = {},
                                                  std::string_view truncated = {});

    /// Writes a `resource` record (WARC 1.1 section 6.4), e.g. an imported local file, with
    /// `content_type` as the record's Content-Type and `body` as its block. Returns and fails
    /// as write_response.
    core::Result<core::CaptureRef> write_resource(std::string_view target_uri, std::int64_t fetched_at,
                                                  std::string_view content_type, std::string_view body);

    /// Writes a `request` record (WARC 1.1 section 6.5) holding the HTTP request as sent,
    /// linked by WARC-Concurrent-To to `concurrent_to_record_id` (the response's
    /// last_record_id(); with or without "<" ">"). Returns and fails as write_response.
    core::Result<core::CaptureRef> write_request(std::string_view target_uri, std::int64_t fetched_at,
                                                 std::string_view http_request_block,
                                                 std::string_view concurrent_to_record_id);

    /// The file being written.
    const std::filesystem::path& path() const;
    /// WARC-Record-ID ("<urn:uuid:...>") of the last record written (the warcinfo after open()).
    const std::string& last_record_id() const;
    /// WARC-Record-ID of the warcinfo record this writer wrote.
    const std::string& warcinfo_id() const;
    /// Current size of the file in bytes (for rotating files at a size limit).
    std::uint64_t size() const;
    /// Where open() moved a torn tail, when it found one.
    const std::optional<std::filesystem::path>& salvaged_tail() const;

    /// Durability: every write_* already hands its whole record to the OS (fflush), so a killed
    /// process loses nothing it was told was written. flush() also fsyncs the file so the
    /// records survive a power loss; call it before committing their CaptureRefs to the
    /// database. Fails with the OS error.
    core::Result<void> flush();

private:
    struct Impl;
    explicit WarcWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// A new WARC-Record-ID: "<urn:uuid:" + random version 4 UUID (RFC 4122 section 4.4) + ">".
std::string new_record_id();

}  // namespace dossier::archive
