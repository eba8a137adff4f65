// HTTP/1.x response blocks as archived in `response` records (WARC 1.1 section 6.3.2: "the full
// HTTP response received over the network, including headers"): RFC 9112 sections 4 (status
// line), 5 (fields), 7.1 (chunked transfer coding); RFC 9110 section 8.4 (content codings).
#include "dossier/archive/http_response.hpp"

#include <algorithm>

#include "content_decoding.hpp"
#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::archive {
namespace {

struct HttpHead {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::size_t body_start = 0;
};

std::string_view next_line(std::string_view text, std::size_t& pos) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

// status-line = HTTP-version SP status-code SP [ reason-phrase ]  (RFC 9112 section 4)
std::optional<int> parse_status_line(std::string_view line) {
    if (line.substr(0, 5) != "HTTP/") {
        return std::nullopt;
    }
    const std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos || line.size() < sp + 4) {
        return std::nullopt;
    }
    const std::string_view code = line.substr(sp + 1, 3);
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        (line.size() > sp + 4 && line[sp + 4] != ' ')) {
        return std::nullopt;
    }
    return (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
}

std::optional<HttpHead> parse_head(std::string_view block, std::size_t pos) {
    HttpHead head;
    const auto status = parse_status_line(next_line(block, pos));
    if (!status) {
        return std::nullopt;
    }
    head.status = *status;
    while (pos < block.size()) {
        const std::string_view line = next_line(block, pos);
        if (line.empty()) {
            break;
        }
        if ((line.front() == ' ' || line.front() == '\t') && !head.headers.empty()) {
            head.headers.back().second += ' ';  // obsolete line folding (RFC 9112 section 5.2)
            head.headers.back().second += core::trim(line);
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            continue;  // not a field; archived responses can be sloppy, keep going
        }
        head.headers.emplace_back(std::string(core::trim(line.substr(0, colon))),
                                  std::string(core::trim(line.substr(colon + 1))));
    }
    head.body_start = pos;
    return head;
}

std::string header_value(const HttpHead& head, std::string_view name) {
    std::string joined;  // repeated fields combine with commas (RFC 9110 section 5.3)
    for (const auto& [key, value] : head.headers) {
        if (core::iequals(key, name)) {
            joined += joined.empty() ? value : ", " + value;
        }
    }
    return joined;
}

bool last_coding_is_chunked(const std::string& transfer_encoding) {
    const auto parts = core::split(transfer_encoding, ',');
    return !parts.empty() && core::iequals(core::trim(parts.back()), "chunked");
}

// WARC-Date: a W3CDTF timestamp (WARC 1.1 section 5.4) at any of its precisions.
std::optional<std::int64_t> parse_warc_date(std::string text) {
    if (text.size() == 4) {
        text += "-01-01";
    } else if (text.size() == 7) {
        text += "-01";
    }
    const auto date = core::parse_iso8601(text);
    if (!date) {
        return std::nullopt;
    }
    return date->seconds;
}

std::string media_type_of(std::string_view content_type) {
    return core::to_lower_ascii(core::trim(content_type.substr(0, content_type.find(';'))));
}

}  // namespace

core::Result<core::Capture> parse_http_response(std::string_view block, std::size_t max_body_bytes) {
    std::optional<HttpHead> head = parse_head(block, 0);
    if (!head) {
        return core::fail("archive: not an http response");
    }
    // Interim 1xx responses (100 Continue, 103 Early Hints) can precede the final one.
    while (head->status >= 100 && head->status < 200 && head->status != 101 &&
           block.substr(head->body_start, 5) == "HTTP/") {
        auto next = parse_head(block, head->body_start);
        if (!next) {
            break;
        }
        head = std::move(next);
    }
    std::string_view raw_body = block.substr(head->body_start);
    std::string body;
    if (last_coding_is_chunked(header_value(*head, "Transfer-Encoding"))) {
        auto dechunked = detail::dechunk(raw_body, max_body_bytes);
        if (!dechunked) {
            return core::fail(dechunked.error().message);
        }
        body = std::move(*dechunked);
    } else if (raw_body.size() > max_body_bytes) {
        return core::fail("archive: decoded body over " + std::to_string(max_body_bytes) + " bytes");
    } else {
        body.assign(raw_body);
    }
    auto decoded = detail::decode_content(std::move(body), header_value(*head, "Content-Encoding"), max_body_bytes);
    if (!decoded) {
        return core::fail(decoded.error().message);
    }
    core::Capture capture;
    capture.status = head->status;
    capture.headers = std::move(head->headers);
    capture.body = std::move(*decoded);
    return capture;
}

core::Result<core::Capture> to_capture(const WarcRecord& record, const std::string& warc_file,
                                       std::size_t max_body_bytes) {
    const std::string type = record.type();
    const std::string where = " at offset " + std::to_string(record.offset) + ": " + warc_file;
    core::Capture capture;
    if (type == "response") {
        const std::string media = media_type_of(record.field("Content-Type"));
        const bool http = media == "application/http" || (media.empty() && record.block.substr(0, 5) == "HTTP/");
        if (!http) {
            return core::fail("archive: response record holds " + (media.empty() ? "no content type" : media) +
                              ", not an http message" + where);
        }
        auto parsed = parse_http_response(record.block, max_body_bytes);
        if (!parsed) {
            return core::fail(parsed.error().message + where);
        }
        capture = std::move(*parsed);
    } else if (type == "resource") {
        const std::string content_type = record.field("Content-Type");
        if (!content_type.empty()) {
            capture.headers.emplace_back("Content-Type", content_type);
        }
        capture.status = 200;
        capture.body = record.block;
    } else {
        return core::fail("archive: not a response or resource record" + where);
    }
    const auto fetched_at = parse_warc_date(record.field("WARC-Date"));
    if (!fetched_at) {
        return core::fail("archive: bad WARC-Date '" + record.field("WARC-Date").substr(0, 40) + "'" + where);
    }
    capture.url = record.target_uri();
    capture.fetched_at = *fetched_at;
    capture.ref = core::CaptureRef{warc_file, record.offset, record.length};
    return capture;
}

}  // namespace dossier::archive
