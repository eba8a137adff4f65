// Zone offsets from ICU's time zone database (the same tz data the OS ships, bundled with
// ICU so results do not depend on the host's /usr/share/zoneinfo).
#include "dossier/text/time_zone.hpp"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>

namespace dossier::text {

core::Result<int> zone_offset_minutes(std::string_view iana, std::int64_t local_seconds) {
    const icu::UnicodeString id =
        icu::UnicodeString::fromUTF8(icu::StringPiece(iana.data(), static_cast<int32_t>(iana.size())));
    const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
    icu::UnicodeString got;
    if (!zone || iana.empty() || zone->getID(got) == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID))
        return core::fail("text: unknown time zone: " + std::string(iana));
    const auto local_ms = static_cast<UDate>(local_seconds) * 1000.0;
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (auto* basic = dynamic_cast<icu::BasicTimeZone*>(zone.get())) {
        // Former: a repeated local time resolves to its first (daylight) occurrence and a
        // skipped one to the offset in force before the transition.
        basic->getOffsetFromLocal(local_ms, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst, status);
    } else {
        zone->getOffset(local_ms, /*local=*/true, raw, dst, status);
    }
    if (U_FAILURE(status)) return core::fail("text: time zone offset failed: " + std::string(iana));
    return (raw + dst) / 60000;
}

}  // namespace dossier::text
