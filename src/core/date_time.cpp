// Date parsing for the forms pages and feeds really use. Offsets are kept as written; a time
// without an offset keeps "offset unknown" and is never shifted to UTC or local time.
#include "dossier/core/date_time.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "dossier/core/strings.hpp"

namespace dossier::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `n` digits at s[i]; advances i. Returns -1 when they are not digits.
int read_digits(std::string_view s, std::size_t& i, std::size_t n) {
    if (i + n > s.size()) return -1;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!is_digit(s[i + k])) return -1;
        v = v * 10 + (s[i + k] - '0');
    }
    i += n;
    return v;
}

/// Reads 1..max digits at s[i]; advances i. Returns -1 when there is none.
int read_number(std::string_view s, std::size_t& i, std::size_t max) {
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && i - start < max && is_digit(s[i])) v = v * 10 + (s[i++] - '0');
    return i == start ? -1 : v;
}

unsigned days_in_month(int y, unsigned m) {
    static constexpr std::array<unsigned, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return (m == 2 && leap) ? 29 : k_days[m - 1];
}

bool valid_date(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           static_cast<unsigned>(d) <= days_in_month(y, static_cast<unsigned>(m));
}

bool valid_time(int h, int mi, int s) { return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60; }

std::int64_t to_seconds(int y, int mo, int d, int h, int mi, int s) {
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
           (s == 60 ? 59 : s);
}

/// Parses "Z", "+08:00", "+0800", "+08" at s[i]. Returns true and sets minutes on success.
bool read_offset(std::string_view s, std::size_t& i, std::optional<int>& minutes) {
    if (i >= s.size()) return true;
    char c = s[i];
    if (c == 'Z' || c == 'z') {
        ++i;
        minutes = 0;
        return true;
    }
    if (c != '+' && c != '-') return false;
    std::size_t j = i + 1;
    int hh = read_digits(s, j, 2);
    if (hh < 0) return false;
    int mm = 0;
    if (j < s.size() && s[j] == ':') ++j;
    if (j < s.size() && is_digit(s[j])) {
        mm = read_digits(s, j, 2);
        if (mm < 0) return false;
    }
    if (hh > 18 || mm > 59) return false;
    minutes = (c == '-' ? -1 : 1) * (hh * 60 + mm);
    i = j;
    return true;
}

}  // namespace

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

std::string DateTime::to_iso() const {
    const std::int64_t local = local_seconds();
    std::int64_t days = local / 86400;
    std::int64_t rem = local % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[64];
    if (precision == Precision::date) {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
        return buf;
    }
    const auto hh = static_cast<int>(rem / 3600), mi = static_cast<int>(rem % 3600 / 60), ss = static_cast<int>(rem % 60);
    if (precision == Precision::minute)
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d", y, m, d, hh, mi);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", y, m, d, hh, mi, ss);
    std::string out = buf;
    if (!offset_minutes) return out;
    if (*offset_minutes == 0) return out + "Z";
    const int off = *offset_minutes < 0 ? -*offset_minutes : *offset_minutes;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", *offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return out + buf;
}

std::optional<DateTime> parse_iso8601(std::string_view text) {
    std::string_view s = trim(text);
    std::size_t i = 0;
    const int y = read_digits(s, i, 4);
    if (y < 0 || i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return std::nullopt;
    const char sep = s[i++];
    const int mo = read_number(s, i, 2);
    if (mo < 0 || i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    const int d = read_number(s, i, 2);
    if (d < 0 || !valid_date(y, mo, d)) return std::nullopt;
    DateTime dt;
    if (i == s.size()) {
        dt.precision = DateTime::Precision::date;
        dt.seconds = to_seconds(y, mo, d, 0, 0, 0);
        return dt;
    }
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    while (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) ++i;
    const int h = read_number(s, i, 2);
    if (h < 0 || i >= s.size() || s[i] != ':') return std::nullopt;
    ++i;
    const int mi = read_digits(s, i, 2);
    if (mi < 0) return std::nullopt;
    int sec = 0;
    dt.precision = DateTime::Precision::minute;
    if (i < s.size() && s[i] == ':') {
        ++i;
        sec = read_digits(s, i, 2);
        if (sec < 0) return std::nullopt;
        dt.precision = DateTime::Precision::second;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            if (read_number(s, i, 9) < 0) return std::nullopt;  // fraction dropped: seconds precision
        }
    }
    if (!valid_time(h, mi, sec)) return std::nullopt;
    while (i < s.size() && s[i] == ' ') ++i;
    const bool offset_follows = i < s.size() && (s[i] == 'Z' || s[i] == 'z' || s[i] == '+' || s[i] == '-');
    if (offset_follows && !read_offset(s, i, dt.offset_minutes)) return std::nullopt;
    // Trailing zone names after an offset ("+08:00 CST") or "UTC"/"GMT" are tolerated.
    std::string_view rest = trim(s.substr(i));
    if (!rest.empty()) {
        if (!dt.offset_minutes && (iequals(rest, "UTC") || iequals(rest, "GMT")))
            dt.offset_minutes = 0;
        else if (!dt.offset_minutes || rest.size() > 5)
            return std::nullopt;
    }
    dt.seconds = to_seconds(y, mo, d, h, mi, sec) - 60 * dt.offset_minutes.value_or(0);
    return dt;
}

namespace {

int month_from_name(std::string_view name) {
    static constexpr std::array<std::string_view, 12> k_months{"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return -1;
    for (std::size_t m = 0; m < k_months.size(); ++m)
        if (iequals(name.substr(0, 3), k_months[m])) return static_cast<int>(m) + 1;
    return -1;
}

/// RFC 822 section 5.1 zones plus the military "Z" and a few common names.
std::optional<int> zone_minutes(std::string_view z) {
    struct Zone { std::string_view name; int minutes; };
    static constexpr std::array<Zone, 12> k_zones{{{"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"EST", -300},
                                                  {"EDT", -240}, {"CST", -360}, {"CDT", -300}, {"MST", -420},
                                                  {"MDT", -360}, {"PST", -480}, {"PDT", -420}}};
    for (const auto& zone : k_zones)
        if (iequals(z, zone.name)) return zone.minutes;
    return std::nullopt;
}

std::string_view next_word(std::string_view s, std::size_t& i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '\t') ++i;
    return s.substr(start, i - start);
}

}  // namespace

std::optional<DateTime> parse_rfc822(std::string_view text) {
    std::string_view s = trim(text);
    std::size_t i = 0;
    std::string_view w = next_word(s, i);
    if (!w.empty() && !is_digit(w[0])) w = next_word(s, i);  // optional day of week
    std::size_t k = 0;
    const int d = read_number(w, k, 2);
    if (d < 0 || k != w.size()) return std::nullopt;
    const int mo = month_from_name(next_word(s, i));
    if (mo < 0) return std::nullopt;
    w = next_word(s, i);
    k = 0;
    int y = read_number(w, k, 4);
    if (y < 0 || k != w.size()) return std::nullopt;
    if (w.size() == 2) y += y < 50 ? 2000 : 1900;  // RFC 2822 section 4.3 obsolete two-digit years
    if (!valid_date(y, mo, d)) return std::nullopt;
    DateTime dt;
    w = next_word(s, i);
    if (w.empty()) {
        dt.precision = DateTime::Precision::date;
        dt.seconds = to_seconds(y, mo, d, 0, 0, 0);
        return dt;
    }
    k = 0;
    const int h = read_number(w, k, 2);
    if (h < 0 || k >= w.size() || w[k] != ':') return std::nullopt;
    ++k;
    const int mi = read_digits(w, k, 2);
    int sec = 0;
    dt.precision = DateTime::Precision::minute;
    if (k < w.size() && w[k] == ':') {
        ++k;
        sec = read_digits(w, k, 2);
        dt.precision = DateTime::Precision::second;
    }
    if (mi < 0 || sec < 0 || k != w.size() || !valid_time(h, mi, sec)) return std::nullopt;
    std::string_view z = next_word(s, i);
    if (!z.empty()) {
        std::size_t zi = 0;
        if (z[0] == '+' || z[0] == '-') {
            if (!read_offset(z, zi, dt.offset_minutes) || zi != z.size()) return std::nullopt;
        } else if (auto m = zone_minutes(z)) {
            dt.offset_minutes = *m;
        } else {
            return std::nullopt;
        }
    }
    dt.seconds = to_seconds(y, mo, d, h, mi, sec) - 60 * dt.offset_minutes.value_or(0);
    return dt;
}

std::optional<DateTime> parse_date(std::string_view text) {
    if (auto dt = parse_iso8601(text)) return dt;
    return parse_rfc822(text);
}

std::string format_utc(std::int64_t unix_seconds) {
    DateTime dt{unix_seconds, 0, DateTime::Precision::second};
    return dt.to_iso();
}

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace dossier::core
