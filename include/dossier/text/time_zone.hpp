#pragma once
// text: UTC offsets of IANA time zones (ICU's zone database), for dates that pages print as a
// local time without an offset ("发布时间 : 2025-12-23 14:55:52" on a site in Asia/Shanghai).
#include <cstdint>
#include <string_view>

#include "dossier/core/result.hpp"

namespace dossier::text {

/// The UTC offset in minutes (+480 for UTC+8) that zone `iana` ("Europe/Berlin") has at the
/// wall-clock time `local_seconds` (seconds since 1970-01-01T00:00 read as if it were UTC),
/// daylight saving included. For a local time that occurs twice (the hour after clocks go back)
/// the earlier (daylight) offset is returned; for one that never occurs (skipped by clocks going
/// forward) the offset before the change. Fails ("text: unknown time zone: X") when ICU does
/// not know the zone.
core::Result<int> zone_offset_minutes(std::string_view iana, std::int64_t local_seconds);

}  // namespace dossier::text
