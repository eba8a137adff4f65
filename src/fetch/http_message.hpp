#pragma once
// Small pieces of HTTP/1.1 (RFC 9110, RFC 9112) the fetcher needs on raw response bytes.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::fetch::detail {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (ASCII case-insensitive), or an empty view.
std::string_view find_header(const HeaderList& headers, std::string_view name);

/// The status code of an HTTP/1.x status line ("HTTP/1.1 200 OK"), or nothing.
std::optional<int> parse_status_line(std::string_view line);

/// Splits "Name: value" (value trimmed); nothing for a line without a colon.
std::optional<std::pair<std::string, std::string>> parse_header_line(std::string_view line);

/// RFC 9112 section 7.1: the payload of a chunked body. Lenient: a truncated or malformed
/// body yields the data decoded up to the damage. Extensions and trailers are dropped.
std::string dechunk(std::string_view body);

/// RFC 9110 section 10.2.3: Retry-After as delta-seconds or an HTTP-date, as a delay from
/// `now` (unix seconds); a date in the past is zero. Nothing when unparsable.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now);

/// "example.com:443": the host and the port, made explicit from the scheme when absent.
/// Both the politeness key and, with the scheme, the robots.txt key.
std::string host_key(std::string_view scheme, std::string_view host, std::string_view port);

}  // namespace dossier::fetch::detail
