#include "warc_header.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"

namespace dossier::archive::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "WARC/" 1*DIGIT "." 1*DIGIT (WARC 1.1 section 4; 1.0 and 1.1 are what exists).
bool valid_version(std::string_view v) {
    if (v.substr(0, 5) != "WARC/") {
        return false;
    }
    v.remove_prefix(5);
    const std::size_t dot = v.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot + 1 == v.size()) {
        return false;
    }
    return std::all_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(dot), is_digit) &&
           std::all_of(v.begin() + static_cast<std::ptrdiff_t>(dot) + 1, v.end(), is_digit);
}

// token = 1*<any US-ASCII character except CTLs or separators> (section 4); we only refuse what
// would make the line ambiguous: nothing, whitespace and control characters.
bool valid_field_name(std::string_view name) {
    return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

std::optional<std::uint64_t> parse_length(std::string_view text) {
    if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), is_digit)) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char c : text) {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

}  // namespace

std::optional<std::size_t> find_header_end(std::string_view text, std::size_t search_from) {
    const std::size_t from = search_from >= 3 ? search_from - 3 : 0;
    const std::size_t crlf = text.find("\r\n\r\n", from);
    const std::size_t lf = text.find("\n\n", from);
    const std::size_t crlf_end = crlf == std::string_view::npos ? crlf : crlf + 4;
    const std::size_t lf_end = lf == std::string_view::npos ? lf : lf + 2;
    const std::size_t end = std::min(crlf_end, lf_end);
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    return end;
}

core::Result<WarcHeader> parse_warc_header(std::string_view text) {
    WarcHeader header;
    bool first = true;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (first) {
            first = false;
            if (!valid_version(line)) {
                return core::fail("not a warc record (no WARC/x.y version line)");
            }
            header.version = std::string(line);
        } else if (line.empty()) {
            break;
        } else if (line.front() == ' ' || line.front() == '\t') {
            // Continuation line (LWS): part of the previous field's value.
            if (header.fields.empty()) {
                return core::fail("bad warc header: continuation line before any field");
            }
            header.fields.back().second += ' ';
            header.fields.back().second += core::trim(line);
        } else {
            const std::size_t colon = line.find(':');
            const std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
            if (colon == std::string_view::npos || !valid_field_name(name)) {
                return core::fail("bad warc header line '" + std::string(line.substr(0, 60)) + "'");
            }
            header.fields.emplace_back(std::string(name), std::string(core::trim(line.substr(colon + 1))));
        }
    }
    const auto it = std::find_if(header.fields.begin(), header.fields.end(),
                                 [](const auto& f) { return core::iequals(f.first, "Content-Length"); });
    if (it == header.fields.end()) {
        return core::fail("warc record without Content-Length");
    }
    const std::optional<std::uint64_t> length = parse_length(it->second);
    if (!length) {
        return core::fail("bad Content-Length '" + it->second.substr(0, 30) + "'");
    }
    header.content_length = *length;
    return header;
}

}  // namespace dossier::archive::detail
