#pragma once
// Turning archived records into core::Capture values: the HTTP response block of a `response`
// record (WARC 1.1 section 6.3.2) or the plain payload of a `resource` record (section 6.4).
#include <cstddef>
#include <string>
#include <string_view>

#include "dossier/archive/warc_record.hpp"
#include "dossier/core/capture.hpp"
#include "dossier/core/result.hpp"

namespace dossier::archive {

/// Default cap on a decoded body (and the default WARC block cap of the reader): 64 MiB.
inline constexpr std::size_t k_default_max_body_bytes = std::size_t{64} << 20;

/// Parses an HTTP/1.x response block (status line, headers, CRLF, body) as stored in a
/// `response` record. Returns a Capture with status, the headers in order as recorded, and the
/// body de-chunked (Transfer-Encoding: chunked) and content-decoded (Content-Encoding gzip,
/// x-gzip or deflate); url, fetched_at and ref are left empty. Leading "HTTP/1.1 100 Continue"
/// interim responses are skipped. Lenient where archives are: a body that is not actually
/// chunked or not actually compressed (some tools store it decoded but keep the header) is
/// kept as is, and a truncated chunked or compressed body yields what could be decoded.
/// Fails with "archive: not an http response" when the block does not start with a status
/// line, "archive: unsupported content-encoding: X" for codings other than the above, and
/// "archive: decoded body over N bytes" when the body would exceed `max_body_bytes`.
core::Result<core::Capture> parse_http_response(std::string_view block,
                                                std::size_t max_body_bytes = k_default_max_body_bytes);

/// Converts a record to a Capture. A `response` record whose block is an HTTP message
/// (Content-Type application/http, or none and a block starting with "HTTP/") goes through
/// parse_http_response; a `resource` record becomes status 200 with one header,
/// Content-Type = the record's Content-Type, and body = the block. url = the target URI,
/// fetched_at = WARC-Date (any W3CDTF precision, fractions dropped), ref = {warc_file,
/// record.offset, record.length}. Fails with "archive: not a response or resource record" for
/// other types (the caller skips those), and with a message naming the record's offset when
/// the WARC-Date or the HTTP block is unusable.
core::Result<core::Capture> to_capture(const WarcRecord& record, const std::string& warc_file,
                                       std::size_t max_body_bytes = k_default_max_body_bytes);

}  // namespace dossier::archive
