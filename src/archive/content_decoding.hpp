#pragma once
// Undoing HTTP transfer and content codings of an archived response body.
#include <cstddef>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"

namespace dossier::archive::detail {

/// Removes chunked transfer coding (RFC 9112 section 7.1). A body whose first chunk-size line
/// is not hex was stored de-chunked already and is returned as is; a truncated or garbled
/// later chunk ends the body there. Fails when the output would exceed `max_bytes`.
core::Result<std::string> dechunk(std::string_view body, std::size_t max_bytes);

/// Undoes the content codings listed in `content_encoding` (RFC 9110 section 8.4), last one
/// first: gzip / x-gzip (several members allowed), deflate (zlib-wrapped or raw, as servers
/// send both), identity. A gzip body without the gzip magic bytes was stored decoded and is
/// returned as is; a truncated stream yields what inflated. Fails on other codings, on a
/// stream that yields nothing, or when the output would exceed `max_bytes`.
core::Result<std::string> decode_content(std::string body, std::string_view content_encoding, std::size_t max_bytes);

}  // namespace dossier::archive::detail
