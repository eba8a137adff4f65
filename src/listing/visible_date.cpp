// Visible dates on listing pages. Sites print dates for readers, inside other words
// ("发布时间：2025-12-23 14:55", "Posted on Dec 23, 2025 by ..."), so this scans for the first
// absolute date rather than parsing the whole text. Only explicit calendar dates with a year
// count: a relative or year-less date would need a guess about "now", which we never make.
#include "dossier/listing/visible_date.hpp"

#include <array>
#include <cstdint>

#include "dossier/core/strings.hpp"

namespace dossier::listing {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Years outside this range are IDs or prices, not publication dates.
constexpr int k_min_year = 1900;
constexpr int k_max_year = 2199;

struct Fields {
    int year = 0, month = 0, day = 0;
    int hour = -1, minute = 0, second = -1;  // hour -1: no time; second -1: minute precision
    std::optional<int> offset_minutes;
};

// Reads a run of min..max digits at s[i] that is not followed by another digit; advances i.
// Returns -1 (i unchanged) otherwise.
int read_number(std::string_view s, std::size_t& i, std::size_t min, std::size_t max) {
    std::size_t j = i;
    int v = 0;
    while (j < s.size() && is_digit(s[j]) && j - i < max) v = v * 10 + (s[j++] - '0');
    if (j - i < min || (j < s.size() && is_digit(s[j]))) return -1;
    i = j;
    return v;
}

bool consume(std::string_view s, std::size_t& i, std::string_view token) {
    if (s.substr(i, token.size()) != token) return false;
    i += token.size();
    return true;
}

// Like consume, ASCII case-insensitive, and only when no letter follows (a whole word).
bool consume_word(std::string_view s, std::size_t& i, std::string_view word) {
    const std::size_t end = i + word.size();
    if (end > s.size() || !core::iequals(s.substr(i, word.size()), word)) return false;
    if (end < s.size() && is_alpha(s[end])) return false;
    i = end;
    return true;
}

void skip_spaces(std::string_view s, std::size_t& i) {
    while (i < s.size() && is_space(s[i])) ++i;
}

std::string_view read_word(std::string_view s, std::size_t& i) {
    const std::size_t start = i;
    while (i < s.size() && is_alpha(s[i])) ++i;
    return s.substr(start, i - start);
}

// Month from an English name: the full name, its three-letter abbreviation, or "Sept".
int month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> k_names{"january", "february", "march",     "april",
                                                              "may",     "june",     "july",      "august",
                                                              "september", "october", "november", "december"};
    if (word.size() < 3) return -1;
    for (std::size_t m = 0; m < k_names.size(); ++m) {
        const std::string_view name = k_names[m];
        if (core::iequals(word, name) || core::iequals(word, name.substr(0, 3))) return static_cast<int>(m) + 1;
    }
    return core::iequals(word, "sept") ? 9 : -1;
}

bool valid_date(const Fields& f) {
    static constexpr std::array<int, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (f.year < k_min_year || f.year > k_max_year || f.month < 1 || f.month > 12 || f.day < 1) return false;
    const bool leap = (f.year % 4 == 0 && f.year % 100 != 0) || f.year % 400 == 0;
    if (f.month == 2 && !leap) return f.day <= 28;
    return f.day <= k_days[static_cast<std::size_t>(f.month - 1)];
}

// An ordinal suffix after a day number: 1st, 2nd, 3rd, 23rd, 4th.
void skip_ordinal(std::string_view s, std::size_t& i) {
    for (std::string_view suffix : {"st", "nd", "rd", "th"})
        if (consume_word(s, i, suffix)) return;
}

bool two_digits(std::string_view s, std::size_t i) { return i + 1 < s.size() && is_digit(s[i]) && is_digit(s[i + 1]); }

int two_digit_value(std::string_view s, std::size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); }

// "Z", "+08:00", "+0800", "+08", " UTC", " GMT" right after a time. In visible text
// "09:00-10:00" is a time range, not an offset of -10:00, so a '-' offset counts only in the
// ISO form joined by 'T' (`iso`). Real offsets lie within -12:00..+14:00.
void read_offset(std::string_view s, std::size_t i, bool iso, Fields& f) {
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && (i + 1 == s.size() || !is_alpha(s[i + 1]))) {
        f.offset_minutes = 0;
        return;
    }
    if (i < s.size() && s[i] == ' ') ++i;
    if (consume_word(s, i, "UTC") || consume_word(s, i, "GMT")) {
        f.offset_minutes = 0;
        return;
    }
    if (i >= s.size() || (s[i] != '+' && !(s[i] == '-' && iso)) || !two_digits(s, i + 1)) return;
    const int sign = s[i] == '-' ? -1 : 1;
    const int hours = two_digit_value(s, i + 1);
    std::size_t j = i + 3;
    int minutes = 0;
    if (j < s.size() && s[j] == ':') {
        if (!two_digits(s, j + 1)) return;
        minutes = two_digit_value(s, j + 1);
        j += 3;
    } else if (two_digits(s, j)) {
        minutes = two_digit_value(s, j);
        j += 2;
    }
    if (hours > 14 || minutes > 59 || (j < s.size() && is_digit(s[j]))) return;
    f.offset_minutes = sign * (hours * 60 + minutes);
}

// A time of day after a date: "14:55", "14:55:52", "2:55 PM", "2:55 p.m.", optionally with an
// offset. Leaves f without a time when what follows is not one. `iso`: joined to the date by 'T'.
void read_time(std::string_view s, std::size_t i, bool iso, Fields& f) {
    const int hour = read_number(s, i, 1, 2);
    if (hour < 0 || !consume(s, i, ":")) return;
    const int minute = read_number(s, i, 2, 2);
    if (minute < 0 || minute > 59) return;
    int second = -1;
    if (i + 1 < s.size() && s[i] == ':' && is_digit(s[i + 1])) {
        ++i;
        second = read_number(s, i, 2, 2);
        if (second < 0 || second > 60) return;
        if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
            ++i;
            while (i < s.size() && is_digit(s[i])) ++i;  // fraction dropped: second precision
        }
    }
    std::size_t j = i;
    skip_spaces(s, j);
    int h = hour;
    if (consume_word(s, j, "am") || consume_word(s, j, "a.m.")) {
        if (hour < 1 || hour > 12) return;
        h = hour % 12;
        i = j;
    } else if (consume_word(s, j, "pm") || consume_word(s, j, "p.m.")) {
        if (hour < 1 || hour > 12) return;
        h = hour % 12 + 12;
        i = j;
    } else if (hour > 23) {
        return;
    }
    f.hour = h;
    f.minute = minute;
    f.second = second == 60 ? 59 : second;  // a leap second is kept inside its minute
    read_offset(s, i, iso, f);
}

// What may stand between a date and its time: spaces, commas, '@', "at", "|", "·".
void read_time_after_date(std::string_view s, std::size_t i, Fields& f) {
    for (;;) {
        const std::size_t before = i;
        skip_spaces(s, i);
        if (i < s.size() && (s[i] == ',' || s[i] == '@' || s[i] == '|')) ++i;
        consume_word(s, i, "at");
        consume(s, i, "\u00b7");  // middle dot
        if (i == before) break;
    }
    read_time(s, i, false, f);
}

// 2025-12-23, 2025/12/23, 2025.12.23 and 2025年12月23日 at s[i].
bool read_year_first(std::string_view s, std::size_t i, Fields& f) {
    f.year = read_number(s, i, 4, 4);
    if (f.year < 0) return false;
    std::size_t k = i;
    skip_spaces(s, k);  // "2025 年 1 月 5 日": some sites space the Chinese form
    if (consume(s, k, "\u5e74")) {  // 年
        i = k;
        skip_spaces(s, i);
        f.month = read_number(s, i, 1, 2);
        skip_spaces(s, i);
        if (f.month < 0 || !consume(s, i, "\u6708")) return false;  // 月
        skip_spaces(s, i);
        f.day = read_number(s, i, 1, 2);
        if (f.day < 0) return false;
        k = i;
        skip_spaces(s, k);
        if (consume(s, k, "\u65e5")) i = k;  // 日
        if (!valid_date(f)) return false;
        read_time_after_date(s, i, f);
        return true;
    }
    if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return false;
    const char sep = s[i++];
    f.month = read_number(s, i, 1, 2);
    if (f.month < 0 || i >= s.size() || s[i] != sep) return false;
    ++i;
    f.day = read_number(s, i, 1, 2);
    if (f.day < 0 || !valid_date(f)) return false;
    if (i + 1 < s.size() && (s[i] == 'T' || s[i] == 't') && is_digit(s[i + 1])) read_time(s, i + 1, true, f);
    else read_time_after_date(s, i, f);
    return true;
}

// "Dec 23, 2025", "December 23rd 2025", "Sept. 3, 2025" at s[i].
bool read_month_first(std::string_view s, std::size_t i, Fields& f) {
    f.month = month_from_name(read_word(s, i));
    if (f.month < 0) return false;
    consume(s, i, ".");
    skip_spaces(s, i);
    f.day = read_number(s, i, 1, 2);
    if (f.day < 0) return false;
    skip_ordinal(s, i);
    consume(s, i, ",");
    skip_spaces(s, i);
    f.year = read_number(s, i, 4, 4);
    if (f.year < 0 || !valid_date(f)) return false;
    read_time_after_date(s, i, f);
    return true;
}

// "23 December 2025", "23rd Dec. 2025", "23 of December, 2025", "23-Dec-2025" at s[i].
bool read_day_first(std::string_view s, std::size_t i, Fields& f) {
    f.day = read_number(s, i, 1, 2);
    if (f.day < 0) return false;
    skip_ordinal(s, i);
    const bool dashed = consume(s, i, "-");
    if (!dashed) {
        skip_spaces(s, i);
        if (consume_word(s, i, "of")) skip_spaces(s, i);
    }
    f.month = month_from_name(read_word(s, i));
    if (f.month < 0) return false;
    if (dashed) {
        if (!consume(s, i, "-")) return false;
    } else {
        consume(s, i, ".");
        consume(s, i, ",");
        skip_spaces(s, i);
    }
    f.year = read_number(s, i, 4, 4);
    if (f.year < 0 || !valid_date(f)) return false;
    read_time_after_date(s, i, f);
    return true;
}

core::DateTime to_date_time(const Fields& f) {
    core::DateTime dt;
    const std::int64_t days = core::days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
    dt.seconds = days * 86400;
    if (f.hour < 0) {
        dt.precision = core::DateTime::Precision::date;
        return dt;
    }
    dt.precision = f.second < 0 ? core::DateTime::Precision::minute : core::DateTime::Precision::second;
    dt.seconds += f.hour * 3600 + f.minute * 60 + (f.second < 0 ? 0 : f.second);
    dt.offset_minutes = f.offset_minutes;
    dt.seconds -= 60 * f.offset_minutes.value_or(0);
    return dt;
}

}  // namespace

std::optional<core::DateTime> parse_visible_date(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char prev = i == 0 ? ' ' : text[i - 1];
        Fields f;
        // Each form starts at the beginning of a number or a word, never inside one.
        if (is_digit(c) && !is_digit(prev)) {
            if (read_year_first(text, i, f)) return to_date_time(f);
            f = Fields{};
            if (read_day_first(text, i, f)) return to_date_time(f);
        } else if (is_alpha(c) && !is_alpha(prev)) {
            if (read_month_first(text, i, f)) return to_date_time(f);
        }
    }
    return std::nullopt;
}

}  // namespace dossier::listing
