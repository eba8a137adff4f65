#pragma once
// Private to extract/: dates as pages print them for readers, found in running text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/date_time.hpp"

namespace dossier::extract::detail {

/// A date found in text, with the label printed before it ("发布时间", "Published") or "".
struct TextDate {
    core::DateTime when;
    std::string label;
    std::size_t position = 0;  ///< byte offset of the date in the text
};

/// Parses a date value: ISO 8601 / RFC 822 (core::parse_date), 14-digit YYYYMMDDhhmmss, or
/// a text that find_date_in_text reads a date from. Years outside 1990-2100 are refused.
std::optional<core::DateTime> parse_loose_date(std::string_view text);

/// The publication date among the dates printed in the first `max_scan` bytes of `text`:
///   2025-12-23 14:55:52 / 2025/12/23 / 2025.12.23 (optional time and offset), 2023年2月3日 [14:55],
///   May 19, 2020 [, 9:27 PM] / 19 May 2020 / Mar 18 2019, 28.04.2020 [18:00].
/// A date after a publication label (发布时间, 发表于, 公開日, Published, Posted, ...) and no update
/// label (更新, Updated, Stand) wins; else the first date. Times are
/// offset-unknown unless an offset is printed.
std::optional<TextDate> find_date_in_text(std::string_view text, std::size_t max_scan = std::string_view::npos);

/// A date in a URL path: /2025/12/23/, /2025-12-23-, or an 8-digit run 20251223.
std::optional<core::DateTime> date_from_url(std::string_view url);

}  // namespace dossier::extract::detail
