#pragma once
// Dates as listing pages print them for readers ("发布时间：2025-12-23 14:55", "Dec 23, 2025").
#include <optional>
#include <string_view>

#include "dossier/core/date_time.hpp"

namespace dossier::listing {

/// Finds the first absolute date in `text` and returns it, with the time of day when one
/// directly follows. Recognised forms, anywhere in the text:
///   "2025-12-23", "2025/12/23", "2025.12.23" (+ " 14:55" or " 14:55:52", "T14:55:52")
///   "2025年12月23日" (+ " 14:55")
///   "Dec 23, 2025", "December 23rd, 2025", "Sept. 3 2025" (+ " 2:55 PM", " at 14:55")
///   "23 December 2025", "23rd Dec 2025", "23 of December, 2025" (+ a time as above)
/// A time directly followed by "Z", "+08:00", "+0800" or " UTC"/" GMT" keeps that offset;
/// otherwise the offset stays unknown. Returns nothing when there is no such date: relative
/// dates ("3 小时前", "2 hours ago", "昨天"), dates without a year ("12-23") and out-of-range
/// fields are never guessed.
std::optional<core::DateTime> parse_visible_date(std::string_view text);

}  // namespace dossier::listing
