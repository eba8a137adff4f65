// A tolerant date reader for the forms core::parse_date refuses. Rather than a second
// calendar implementation it reads the parts (day, month, year, time, zone) in whatever order
// they come and hands core::parse_rfc822 a canonical "1 Oct 2018 08:00:00 +0200".
#include "feed_date.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "dossier/core/strings.hpp"

namespace dossier::feed::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_of(std::string_view s, bool (*pred)(char)) {
    for (char c : s)
        if (!pred(c)) return false;
    return !s.empty();
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

/// Zone abbreviations: RFC 822 section 5.1 (as core reads them) plus European and Asian ones
/// seen in feeds. "CST" stays US Central as in RFC 822, even though Chinese sites mean +08:00.
struct Zone {
    std::string_view name;
    int minutes;
};
constexpr std::array<Zone, 26> k_zones{{
    {"UT", 0},      {"UTC", 0},     {"GMT", 0},     {"Z", 0},       {"EST", -300},  {"EDT", -240},
    {"CST", -360},  {"CDT", -300},  {"MST", -420},  {"MDT", -360},  {"PST", -480},  {"PDT", -420},
    {"WET", 0},     {"WEST", 60},   {"CET", 60},    {"CEST", 120},  {"MET", 60},    {"MEST", 120},
    {"EET", 120},   {"EEST", 180},  {"MSK", 180},   {"HKT", 480},   {"SGT", 480},   {"JST", 540},
    {"KST", 540},   {"AEST", 600},
}};

/// The parts of a date as they are found.
struct Parts {
    int year = -1, month = -1, day = -1;
    int hour = -1, minute = -1, second = -1;
    bool pm = false, am = false;
    bool has_zone = false;
    int zone_minutes = 0;
};

int month_number(std::string_view word) {
    static constexpr std::array<std::string_view, 12> k_months{"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3 || word.size() > 9 || !all_of(word, is_alpha)) return -1;
    for (std::size_t m = 0; m < k_months.size(); ++m)
        if (core::iequals(word.substr(0, 3), k_months[m])) return static_cast<int>(m) + 1;
    return -1;
}

bool is_weekday(std::string_view word) {
    static constexpr std::array<std::string_view, 7> k_days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (word.size() < 3 || word.size() > 9 || !all_of(word, is_alpha)) return false;
    for (auto d : k_days)
        if (core::iequals(word.substr(0, 3), d)) return true;
    return false;
}

/// "+0800", "+08:00", "+8", "-5" after the sign has been seen at s[0].
bool read_numeric_offset(std::string_view s, int& minutes) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
    std::string digits;
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (s[i] == ':' && i == 3) continue;
        if (!is_digit(s[i])) return false;
        digits.push_back(s[i]);
    }
    int hh = 0, mm = 0;
    if (digits.size() <= 2) {
        hh = to_int(digits);
    } else if (digits.size() == 4) {
        hh = to_int(digits.substr(0, 2));
        mm = to_int(digits.substr(2));
    } else {
        return false;
    }
    if (hh > 14 || mm > 59) return false;
    minutes = (s[0] == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
}

/// A zone word: numeric offset, a known abbreviation, or "GMT+8" / "UTC+08:00".
bool read_zone(std::string_view w, Parts& p) {
    int minutes = 0;
    if (read_numeric_offset(w, minutes)) {
        p.has_zone = true;
        p.zone_minutes = minutes;
        return true;
    }
    std::size_t sign = w.find_first_of("+-");
    const std::string_view name = w.substr(0, sign);
    for (const auto& z : k_zones) {
        if (!core::iequals(name, z.name)) continue;
        if (sign != std::string_view::npos) {
            if (z.minutes != 0 || !read_numeric_offset(w.substr(sign), minutes)) return false;
        } else {
            minutes = z.minutes;
        }
        p.has_zone = true;
        p.zone_minutes = minutes;
        return true;
    }
    return false;
}

/// "08:00", "8:00:00", "08:00:00.123", with an attached "Z", "+0200", "PM" or "GMT".
bool read_time(std::string_view w, Parts& p) {
    std::size_t i = 0;
    std::array<int, 3> hms{-1, -1, -1};
    for (std::size_t k = 0; k < 3; ++k) {
        const std::size_t start = i;
        while (i < w.size() && is_digit(w[i]) && i - start < 2) ++i;
        if (i == start) return false;
        hms[k] = to_int(w.substr(start, i - start));
        if (i >= w.size() || w[i] != ':') break;
        ++i;
    }
    if (hms[1] < 0) return false;
    if (i < w.size() && w[i] == '.')
        for (++i; i < w.size() && is_digit(w[i]);) ++i;  // fractional seconds are dropped
    p.hour = hms[0];
    p.minute = hms[1];
    p.second = hms[2];
    const std::string_view rest = w.substr(i);
    if (rest.empty()) return true;
    if (core::iequals(rest, "am") || core::iequals(rest, "pm")) {
        (core::iequals(rest, "pm") ? p.pm : p.am) = true;
        return true;
    }
    return read_zone(rest, p);
}

/// "2018-10-01", "2018/10/01", "01.10.2018"; an ISO date may carry "T08:00:00+02:00".
bool read_numeric_date(std::string_view w, Parts& p) {
    const std::size_t t = w.find_first_of("Tt");
    if (t != std::string_view::npos) return read_numeric_date(w.substr(0, t), p) && read_time(w.substr(t + 1), p);
    const char sep = w.find('-') != std::string_view::npos ? '-' : w.find('/') != std::string_view::npos ? '/' : '.';
    const auto pieces = core::split(w, sep);
    if (pieces.size() != 3) return false;
    for (auto piece : pieces)
        if (!all_of(piece, is_digit) || piece.size() > 4) return false;
    if (pieces[0].size() == 4) {
        p.year = to_int(pieces[0]);
        p.month = to_int(pieces[1]);
        p.day = to_int(pieces[2]);
        return true;
    }
    if (sep == '.' && pieces[2].size() == 4) {  // German and Russian day.month.year
        p.day = to_int(pieces[0]);
        p.month = to_int(pieces[1]);
        p.year = to_int(pieces[2]);
        return true;
    }
    return false;
}

/// A bare number: a four-digit year, else the day (with an ordinal suffix), else a short year.
bool read_number(std::string_view w, Parts& p) {
    std::size_t digits = 0;
    while (digits < w.size() && is_digit(w[digits])) ++digits;
    const std::string_view suffix = w.substr(digits);
    if (digits == 0 || digits > 4) return false;
    if (!suffix.empty() && !(core::iequals(suffix, "st") || core::iequals(suffix, "nd") ||
                             core::iequals(suffix, "rd") || core::iequals(suffix, "th")))
        return false;
    const int v = to_int(w.substr(0, digits));
    if (digits == 4 && suffix.empty() && p.year < 0) {
        p.year = v;
    } else if (digits <= 2 && p.day < 0) {
        p.day = v;
    } else if (digits == 2 && suffix.empty() && p.year < 0) {
        p.year = v + (v < 50 ? 2000 : 1900);
    } else {
        return false;
    }
    return true;
}

bool read_word(std::string w, Parts& p) {  // NOLINT(misc-no-recursion): one level, for "01-Oct-2018"
    while (!w.empty() && w.back() == '.') w.pop_back();  // "Oct." "Tue."
    if (w.empty()) return true;
    if (is_weekday(w) && month_number(w) < 0) return true;
    if (const int m = month_number(w); m > 0 && p.month < 0) {
        p.month = m;
        return true;
    }
    if (core::iequals(w, "am") || core::iequals(w, "a.m") || core::iequals(w, "pm") || core::iequals(w, "p.m")) {
        (w[0] == 'p' || w[0] == 'P' ? p.pm : p.am) = true;
        return true;
    }
    const std::size_t colon = w.find(':');
    if (is_digit(w[0]) && colon != std::string::npos && w.find_first_of("-/.") > colon) return read_time(w, p);
    if (core::iequals(w, "at") || core::iequals(w, "on")) return true;  // "October 1, 2018 at 8:00 PM"
    if (is_digit(w[0]) && w.find_first_of("-/.") != std::string::npos) {
        if (read_numeric_date(w, p)) return true;
        if (w.find('-') == std::string::npos) return false;
        for (auto piece : core::split(w, '-'))  // "01-Oct-2018"
            if (!read_word(std::string(piece), p)) return false;
        return true;
    }
    if (is_digit(w[0])) return read_number(w, p);
    return read_zone(w, p);
}

std::optional<core::DateTime> to_date_time(const Parts& p) {
    if (p.year < 0 || p.month < 1 || p.day < 1) return std::nullopt;  // month 0 or day 0: no date
    static constexpr std::array<std::string_view, 12> k_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (p.month > 12 || p.day > 31 || p.year > 9999) return std::nullopt;
    std::array<char, 80> buf{};
    int n = std::snprintf(buf.data(), buf.size(), "%d %s %04d", p.day,
                          std::string(k_names[static_cast<std::size_t>(p.month - 1)]).c_str(), p.year);
    if (p.hour >= 0) {
        int hour = p.hour;
        if (p.pm && hour < 12) hour += 12;
        if (p.am && hour == 12) hour = 0;
        n += std::snprintf(buf.data() + n, buf.size() - static_cast<std::size_t>(n), " %02d:%02d", hour, p.minute);
        if (p.second >= 0)
            n += std::snprintf(buf.data() + n, buf.size() - static_cast<std::size_t>(n), ":%02d", p.second);
        if (p.has_zone) {
            const int off = p.zone_minutes < 0 ? -p.zone_minutes : p.zone_minutes;
            std::snprintf(buf.data() + n, buf.size() - static_cast<std::size_t>(n), " %c%02d%02d",
                          p.zone_minutes < 0 ? '-' : '+', off / 60, off % 60);
        }
    }
    return core::parse_rfc822(buf.data());
}

std::optional<core::DateTime> parse_loose(std::string_view text) {
    const std::size_t comment = text.find('(');  // "(CEST)", "(Central European Summer Time)"
    std::string_view s = core::trim(text.substr(0, comment));
    Parts parts;
    std::string word;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ' ' || s[i] == ',' || s[i] == '\t') {
            if (!read_word(word, parts)) return std::nullopt;
            word.clear();
        } else {
            word.push_back(s[i]);
        }
    }
    return to_date_time(parts);
}

/// "2018年10月1日 08:00" -> "2018-10-1 08:00"; full-width colons become ':'.
std::string from_cjk(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view rest = s.substr(i);
        if (rest.rfind("年", 0) == 0 || rest.rfind("月", 0) == 0) {
            out.push_back('-');
            i += 2;
        } else if (rest.rfind("日", 0) == 0) {
            out.push_back(' ');
            i += 2;
        } else if (rest.rfind("：", 0) == 0) {
            out.push_back(':');
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

}  // namespace

std::optional<core::DateTime> parse_feed_date(std::string_view text) {
    const std::string_view s = core::trim(text);
    if (s.empty()) return std::nullopt;
    if (auto dt = core::parse_date(s)) return dt;
    if (s.find("年") != std::string_view::npos) return core::parse_date(core::trim(from_cjk(s)));
    return parse_loose(s);
}

}  // namespace dossier::feed::detail
