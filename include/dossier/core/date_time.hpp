#pragma once
// DateTime: a publication date as a page gives it — an instant with its original UTC offset,
// a wall-clock time whose offset is unknown, or a calendar date only. Never silently shifted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::core {

struct DateTime {
    enum class Precision { date, minute, second };

    /// Seconds since 1970-01-01T00:00:00Z. When `offset_minutes` is empty this is the
    /// wall-clock time read as if it were UTC (the true instant is unknown).
    std::int64_t seconds = 0;
    /// Offset from UTC of the original text, in minutes (+480 for +08:00); empty = unknown.
    std::optional<int> offset_minutes;
    Precision precision = Precision::second;

    bool has_offset() const { return offset_minutes.has_value(); }
    bool date_only() const { return precision == Precision::date; }

    /// ISO 8601 text: "2025-12-23T14:55:52+08:00", "2025-12-23T14:55:52Z" for offset 0,
    /// "2025-12-23T14:55:52" when the offset is unknown, "2025-12-23" for a date only.
    std::string to_iso() const;

    /// The wall-clock (local) seconds: `seconds` shifted by the offset when one is known.
    std::int64_t local_seconds() const { return seconds + 60 * offset_minutes.value_or(0); }

    friend bool operator==(const DateTime&, const DateTime&) = default;
};

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

/// The date for a count of days since 1970-01-01.
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);

/// Parses ISO 8601 / RFC 3339 and the common loose forms real pages use:
/// "2025-12-23", "2025-12-23T14:55:52+08:00", "2025-12-23 14:55:52", "2025-12-23T14:55Z",
/// "2025/12/23 14:55", fractional seconds, "+0800" and "+08" offsets.
/// Returns nothing when the text is not such a date or a field is out of range.
std::optional<DateTime> parse_iso8601(std::string_view text);

/// Parses RFC 822 / RFC 1123 / RFC 2822 dates ("Sun, 10 Mar 2024 17:15:00 +0100", "GMT",
/// "EST", two-digit years, missing weekday, missing seconds). Returns nothing when unparsable.
std::optional<DateTime> parse_rfc822(std::string_view text);

/// Tries ISO 8601, then RFC 822. Returns nothing when neither parses.
std::optional<DateTime> parse_date(std::string_view text);

/// Formats unix seconds as an RFC 3339 UTC timestamp "2025-12-23T06:55:52Z".
std::string format_utc(std::int64_t unix_seconds);

/// The current time in unix seconds.
std::int64_t now_seconds();

}  // namespace dossier::core
