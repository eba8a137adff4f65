// Reader-facing date formats. Each matcher builds an ISO 8601 string and lets
// core::parse_iso8601 validate it, so calendar checks live in one place.
#include "date_text.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "month_names.hpp"

namespace dossier::extract::detail {

namespace {

constexpr int k_min_year = 1990;
constexpr int k_max_year = 2100;
/// How far before a date (bytes) its label may start: "发布时间 : " is 15 bytes.
constexpr std::size_t k_label_reach = 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Match {
    core::DateTime when;
    std::size_t end = 0;
};

/// Reads 1..max digits at s[i]; -1 when there are none.
int digits(std::string_view s, std::size_t& i, std::size_t max) {
    int v = 0;
    std::size_t n = 0;
    while (i < s.size() && n < max && is_digit(s[i])) {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++n;
    }
    if (n == 0 || (i < s.size() && is_digit(s[i]))) return -1;
    return v;
}

void skip_spaces(std::string_view s, std::size_t& i) {
    for (;;) {
        if (i < s.size() && is_space(s[i])) {
            ++i;
        } else if (s.substr(i, 2) == "\xC2\xA0") {
            i += 2;
        } else {
            return;
        }
    }
}

/// "14:55", "14:55:52", "9:27 PM", "9:27pm", "9:27 p.m." at s[i]; appends " HH:MM[:SS]".
bool read_time(std::string_view s, std::size_t& i, std::string& iso) {
    std::size_t k = i;
    int h = digits(s, k, 2);
    if (h < 0 || k >= s.size() || s[k] != ':') return false;
    ++k;
    const int m = digits(s, k, 2);
    if (m < 0) return false;
    int sec = -1;
    if (k + 1 < s.size() && s[k] == ':' && is_digit(s[k + 1])) {
        ++k;
        sec = digits(s, k, 2);
    }
    std::size_t after = k;
    skip_spaces(s, after);
    const std::string_view rest = s.substr(after, 4);
    const bool pm = core::istarts_with(rest, "pm") || core::istarts_with(rest, "p.m");
    const bool am = core::istarts_with(rest, "am") || core::istarts_with(rest, "a.m");
    if ((pm || am) && h >= 1 && h <= 12) {
        h = (h % 12) + (pm ? 12 : 0);
        k = after + (core::istarts_with(rest, "p.m.") || core::istarts_with(rest, "a.m.") ? 4 : 2);
    }
    char buf[48];
    if (sec >= 0)
        std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", h, m, sec);
    else
        std::snprintf(buf, sizeof buf, " %02d:%02d", h, m);
    iso += buf;
    i = k;
    return true;
}

/// An ISO offset right after a time: "Z", "+08:00", "+0800".
void read_offset(std::string_view s, std::size_t& i, std::string& iso) {
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && (i + 1 >= s.size() || !is_alpha(s[i + 1]))) {
        iso += 'Z';
        ++i;
        return;
    }
    if (i + 3 > s.size() || (s[i] != '+' && s[i] != '-') || !is_digit(s[i + 1]) || !is_digit(s[i + 2])) return;
    std::size_t k = i + 3;
    std::string off(s.substr(i, 3));
    if (k < s.size() && s[k] == ':') ++k;
    if (k + 2 <= s.size() && is_digit(s[k]) && is_digit(s[k + 1])) {
        off += ':';
        off += s.substr(k, 2);
        k += 2;
    } else {
        off += ":00";
    }
    iso += off;
    i = k;
}

std::optional<Match> finish(const std::string& iso, std::size_t end) {
    auto dt = core::parse_iso8601(iso);
    if (!dt) return std::nullopt;
    return Match{*dt, end};
}

std::string ymd(int y, int m, int d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

/// Optional time after a date: separators " ", "T", ",", "at", "um".
void read_optional_time(std::string_view s, std::size_t& i, std::string& iso, bool allow_offset) {
    std::size_t k = i;
    if (k < s.size() && (s[k] == 'T' || s[k] == ',')) ++k;
    skip_spaces(s, k);
    if (core::istarts_with(s.substr(k), "at ") || core::istarts_with(s.substr(k), "um ")) k += 3;
    skip_spaces(s, k);
    if (!read_time(s, k, iso)) return;
    i = k;
    if (allow_offset) read_offset(s, i, iso);
}

/// 2025-12-23 [14:55[:52]][offset], 2025/12/23, 2025.12.23.
std::optional<Match> numeric_ymd(std::string_view s, std::size_t i) {
    const int y = digits(s, i, 4);
    if (y < k_min_year || y > k_max_year || i >= s.size()) return std::nullopt;
    const char sep = s[i];
    if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
    ++i;
    const int m = digits(s, i, 2);
    if (m < 1 || i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    const int d = digits(s, i, 2);
    if (d < 1) return std::nullopt;
    std::string iso = ymd(y, m, d);
    read_optional_time(s, i, iso, true);
    return finish(iso, i);
}

/// 2023年2月3日 [14:55] (Chinese and Japanese).
std::optional<Match> cjk_ymd(std::string_view s, std::size_t i) {
    const int y = digits(s, i, 4);
    if (y < k_min_year || y > k_max_year) return std::nullopt;
    skip_spaces(s, i);
    if (s.substr(i, 3) != "年") return std::nullopt;
    i += 3;
    skip_spaces(s, i);
    const int m = digits(s, i, 2);
    skip_spaces(s, i);
    if (m < 1 || s.substr(i, 3) != "月") return std::nullopt;
    i += 3;
    skip_spaces(s, i);
    const int d = digits(s, i, 2);
    skip_spaces(s, i);
    if (d < 1 || (s.substr(i, 3) != "日" && s.substr(i, 3) != "号")) return std::nullopt;
    i += 3;
    std::string iso = ymd(y, m, d);
    read_optional_time(s, i, iso, false);
    return finish(iso, i);
}

/// 28.04.2020 [18:00] (day first, as German and most European pages print it).
std::optional<Match> numeric_dmy(std::string_view s, std::size_t i) {
    const int d = digits(s, i, 2);
    if (d < 1 || i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
    const int m = digits(s, i, 2);
    if (m < 1 || i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
    const int y = digits(s, i, 4);
    if (y < k_min_year || y > k_max_year) return std::nullopt;
    std::string iso = ymd(y, m, d);
    read_optional_time(s, i, iso, false);
    return finish(iso, i);
}

/// Skips a Spanish/Portuguese "de" between date parts ("19 de mayo de 2020").
void skip_de(std::string_view s, std::size_t& i) {
    const std::string_view w = word_at(s, i);
    if (w == "de" || w == "del") {
        i += w.size();
        skip_spaces(s, i);
    }
}

/// Skips an English ordinal suffix and a following "," / "." after a day number.
void skip_day_tail(std::string_view s, std::size_t& i) {
    const std::string_view w = word_at(s, i);
    if (w == "st" || w == "nd" || w == "rd" || w == "th" || w == "er") i += 2;  // "1er mai"
    if (i < s.size() && (s[i] == ',' || s[i] == '.')) ++i;
    skip_spaces(s, i);
}

/// "May 19, 2020", "Mar 18 2019", "December 16, 2016, 4:19 PM", "Sept. 3rd, 2021".
std::optional<Match> month_day_year(std::string_view s, std::size_t i) {
    const std::string_view w = word_at(s, i);
    const int m = month_number(w);
    if (m == 0) return std::nullopt;
    i += w.size();
    if (i < s.size() && s[i] == '.') ++i;
    skip_spaces(s, i);
    const int d = digits(s, i, 2);
    if (d < 1) return std::nullopt;
    skip_day_tail(s, i);
    const int y = digits(s, i, 4);
    if (y < k_min_year || y > k_max_year) return std::nullopt;
    std::string iso = ymd(y, m, d);
    read_optional_time(s, i, iso, false);
    return finish(iso, i);
}

/// "19 May 2020", "3rd September, 2021 10:00", "19. Mai 2020", "19 de mayo de 2020", "1er mai 2020".
std::optional<Match> day_month_year(std::string_view s, std::size_t i) {
    const int d = digits(s, i, 2);
    if (d < 1) return std::nullopt;
    skip_day_tail(s, i);
    skip_de(s, i);
    const std::string_view w = word_at(s, i);
    const int m = month_number(w);
    if (m == 0) return std::nullopt;
    i += w.size();
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) ++i;
    skip_spaces(s, i);
    skip_de(s, i);
    const int y = digits(s, i, 4);
    if (y < k_min_year || y > k_max_year) return std::nullopt;
    std::string iso = ymd(y, m, d);
    read_optional_time(s, i, iso, false);
    return finish(iso, i);
}

std::optional<Match> date_at(std::string_view s, std::size_t i) {
    if (i > 0 && (is_digit(s[i - 1]) || is_alpha(s[i - 1]))) return std::nullopt;  // mid-word
    if (i > 1 && static_cast<unsigned char>(s[i - 2]) == 0xC3) return std::nullopt;   // after "é", "ü"
    if (is_digit(s[i])) {
        if (auto m = numeric_ymd(s, i)) return m;
        if (auto m = cjk_ymd(s, i)) return m;
        if (auto m = numeric_dmy(s, i)) return m;
        return day_month_year(s, i);
    }
    if (is_alpha(s[i]) || static_cast<unsigned char>(s[i]) == 0xC3) return month_day_year(s, i);
    return std::nullopt;
}

// Labels are matched case-insensitively in the bytes just before a date.
constexpr auto k_publish_labels = std::to_array<std::string_view>(
    {"发布时间", "发布日期", "发表时间", "发表于", "发布于", "发布", "時間", "时间", "日期", "公開日", "投稿日",
     "掲載日", "first published", "published", "posted", "date", "veröffentlicht", "publicado"});
constexpr auto k_update_labels =
    std::to_array<std::string_view>({"更新", "修改", "updated", "modified", "stand", "aktualisiert", "actualizado"});

/// The label in s[from, pos) (lower-cased search), or "".
template <std::size_t N>
std::string label_in(std::string_view s, std::size_t from, std::size_t pos,
                     const std::array<std::string_view, N>& labels) {
    if (pos > from + k_label_reach) from = pos - k_label_reach;
    const std::string before = core::to_lower_ascii(s.substr(from, pos - from));
    for (std::string_view l : labels)
        if (before.find(l) != std::string::npos) return std::string(l);
    return {};
}

}  // namespace

std::optional<TextDate> find_date_in_text(std::string_view text, std::size_t max_scan) {
    const std::string_view s = text.substr(0, std::min(max_scan, text.size()));
    std::optional<TextDate> first;
    std::size_t label_from = 0;  // a label belongs to the nearest date after it
    for (std::size_t i = 0; i < s.size();) {
        auto m = date_at(s, i);
        if (!m) {
            ++i;
            continue;
        }
        TextDate found{m->when, {}, i};
        const std::string publish = label_in(s, label_from, i, k_publish_labels);
        if (!publish.empty() && label_in(s, label_from, i, k_update_labels).empty()) {
            found.label = publish;
            return found;
        }
        if (!first) first = found;
        i = label_from = m->end;
    }
    return first;
}

std::optional<core::DateTime> parse_loose_date(std::string_view text) {
    const std::string_view t = core::trim(text);
    std::optional<core::DateTime> dt = core::parse_date(t);
    if (!dt && t.size() == 14) {  // YYYYMMDDhhmmss
        bool all_digits = true;
        for (char c : t) all_digits = all_digits && is_digit(c);
        if (all_digits) {
            const std::string iso = std::string(t.substr(0, 4)) + "-" + std::string(t.substr(4, 2)) + "-" +
                                    std::string(t.substr(6, 2)) + " " + std::string(t.substr(8, 2)) + ":" +
                                    std::string(t.substr(10, 2)) + ":" + std::string(t.substr(12, 2));
            dt = core::parse_iso8601(iso);
        }
    }
    if (!dt)
        if (auto found = find_date_in_text(t)) dt = found->when;
    if (!dt) return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    core::civil_from_days(dt->local_seconds() / 86400 - (dt->local_seconds() % 86400 < 0 ? 1 : 0), y, m, d);
    if (y < k_min_year || y > k_max_year) return std::nullopt;
    return dt;
}

std::optional<core::DateTime> date_from_url(std::string_view url) {
    const auto parsed = core::Url::parse(url);
    const std::string path = parsed ? parsed->path : std::string(url);
    const auto segs = core::split(path, '/');
    for (std::size_t k = 0; k + 2 < segs.size(); ++k) {
        std::size_t a = 0, b = 0, c = 0;
        const std::string_view y = segs[k], m = segs[k + 1];
        std::string_view d = segs[k + 2];
        while (c < d.size() && is_digit(d[c])) ++c;  // "/23-slug" and "/23.html" carry the day too
        d = d.substr(0, c);
        if (y.size() != 4 || m.empty() || m.size() > 2 || d.empty() || d.size() > 2) continue;
        const int yy = digits(y, a, 4), mm = digits(m, b, 2);
        if (yy < k_min_year || yy > k_max_year || mm < 1 || a != y.size() || b != m.size()) continue;
        if (auto dt = core::parse_iso8601(ymd(yy, mm, std::stoi(std::string(d))))) return dt;
    }
    // /2025-12-23-slug/ or an 8-digit run (alert20190402.html).
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0 && is_digit(path[i - 1])) continue;
        if (auto m = numeric_ymd(path, i); m && m->when.date_only()) return m->when;
        std::size_t k = i;
        while (k < path.size() && is_digit(path[k])) ++k;
        if (k - i == 8) {
            const std::string s = path.substr(i, 4) + "-" + path.substr(i + 4, 2) + "-" + path.substr(i + 6, 2);
            const int yy = std::stoi(path.substr(i, 4));
            if (yy >= k_min_year && yy <= k_max_year)
                if (auto dt = core::parse_iso8601(s)) return dt;
        }
    }
    return std::nullopt;
}

}  // namespace dossier::extract::detail
