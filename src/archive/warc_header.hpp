#pragma once
// Parsing of a WARC record header (WARC 1.1 section 4): the version line and the named fields.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::archive::detail {

struct WarcHeader {
    std::string version;
    std::vector<std::pair<std::string, std::string>> fields;
    std::uint64_t content_length = 0;
};

/// Length of the header at the start of `text` including the blank line that ends it (CRLF
/// CRLF, or LF LF from lenient writers), searching from `search_from`; nullopt when not found yet.
std::optional<std::size_t> find_header_end(std::string_view text, std::size_t search_from);

/// Parses a header (as delimited by find_header_end). Fails, with a message naming what is
/// wrong but not where, on a bad version line, a line that is not a field, or a missing or
/// unparsable Content-Length.
core::Result<WarcHeader> parse_warc_header(std::string_view text);

}  // namespace dossier::archive::detail
