#include "http_message.hpp"

#include <limits>

#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::fetch::detail {

std::string_view find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (core::iequals(key, name)) return value;
    }
    return {};
}

std::optional<int> parse_status_line(std::string_view line) {
    // RFC 9112 section 4: HTTP-version SP status-code SP [reason-phrase]
    if (line.substr(0, 5) != "HTTP/") return std::nullopt;
    const auto space = line.find(' ');
    if (space == std::string_view::npos || line.size() < space + 4) return std::nullopt;
    int code = 0;
    for (std::size_t i = space + 1; i < space + 4; ++i) {
        if (line[i] < '0' || line[i] > '9') return std::nullopt;
        code = code * 10 + (line[i] - '0');
    }
    return code;
}

std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    return std::pair{std::string(core::trim(line.substr(0, colon))), std::string(core::trim(line.substr(colon + 1)))};
}

std::string dechunk(std::string_view body) {
    std::string out;
    std::size_t pos = 0;
    while (pos < body.size()) {
        const auto eol = body.find('\n', pos);
        if (eol == std::string_view::npos) break;
        // chunk-size [ chunk-ext ] CRLF
        std::size_t size = 0;
        std::size_t i = pos;
        bool digits = false;
        for (; i < eol; ++i) {
            const char c = body[i];
            int v = -1;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
            if (v < 0) break;
            if (size > (std::numeric_limits<std::size_t>::max() >> 4)) return out;
            size = size * 16 + static_cast<std::size_t>(v);
            digits = true;
        }
        if (!digits || size == 0) break;  // last-chunk (or damage): trailers are not payload
        pos = eol + 1;
        const std::size_t take = std::min(size, body.size() - pos);
        out.append(body.substr(pos, take));
        pos += take;
        if (body.substr(pos, 2) == "\r\n") pos += 2;
        else if (body.substr(pos, 1) == "\n") pos += 1;
    }
    return out;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now) {
    value = core::trim(value);
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t s = 0;
        for (char c : value) {
            s = s * 10 + (c - '0');
            if (s > 365LL * 86400) break;  // anything this long means "not this run" anyway
        }
        return std::chrono::seconds{s};
    }
    const auto date = core::parse_rfc822(value);
    if (!date) return std::nullopt;
    return std::chrono::seconds{date->seconds > now ? date->seconds - now : 0};
}

std::string host_key(std::string_view scheme, std::string_view host, std::string_view port) {
    std::string key(host);
    key += ':';
    if (!port.empty()) key += port;
    else key += scheme == "https" ? "443" : "80";
    return key;
}

}  // namespace dossier::fetch::detail
