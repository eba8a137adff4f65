#pragma once
// Dates as feeds write them: RFC 822 (RSS 2.0), RFC 3339 (Atom, JSON Feed, W3C-DTF for dc:date
// and sitemaps) and the broken forms real feeds publish.
#include <optional>
#include <string_view>

#include "dossier/core/date_time.hpp"

namespace dossier::feed::detail {

/// core::parse_date first; when it refuses, a tolerant reading of: zones such as "GMT+8",
/// "UTC+08:00", "CEST", "(CET)" comments; month-first dates ("Oct 1, 2018 8:00 PM",
/// JavaScript's "Mon Oct 01 2018 08:00:00 GMT+0200 (CEST)", asctime); ordinal days ("1st");
/// "01.10.2018"; ISO dates followed by a zone name; "2018年10月1日 08:00".
/// Returns nothing when no calendar date can be read. Offsets are kept as written.
std::optional<core::DateTime> parse_feed_date(std::string_view text);

}  // namespace dossier::feed::detail
