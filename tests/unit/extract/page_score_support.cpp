// Scoring rules of /work/shared/bin/score-extraction (see page_score_support.hpp). Where the
// script relies on Python's library (html.unescape, str.split, \w) the rule is restated here
// for the inputs the fixture pages have.
#include "page_score_support.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>

#include "dossier/text/unicode.hpp"

namespace dossier::page_score {

namespace {

/// Python's str.isspace() set: what str.split() splits on.
bool is_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

/// Whitespace runs as one space, trimmed (' '.join(s.split())).
std::u32string collapse(std::u32string_view s) {
    std::u32string out;
    bool pending = false;
    for (char32_t c : s) {
        if (is_space(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out.push_back(U' ');
        pending = false;
        out.push_back(c);
    }
    return out;
}

std::u32string no_space(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s)
        if (!is_space(c)) out.push_back(c);
    return out;
}

/// HTML numeric references 0x80-0x9F name Windows-1252 characters (HTML, "numeric character
/// reference end state"), as html.unescape reads them: &#151; is an em dash.
char32_t numeric_reference(std::uint32_t v) {
    static constexpr char32_t k_cp1252[32] = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    if (v >= 0x80 && v <= 0x9F) return k_cp1252[v - 0x80];
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
    return static_cast<char32_t>(v);
}

/// The reference starting at s[i] ('&'), or nothing; `len` gets its length.
std::optional<char32_t> reference(std::u32string_view s, std::size_t i, std::size_t& len) {
    const std::size_t semi = s.find(U';', i);
    if (semi == std::u32string_view::npos || semi - i > 10) return std::nullopt;
    const std::u32string_view name = s.substr(i + 1, semi - i - 1);
    len = semi - i + 1;
    if (name.size() > 1 && name[0] == U'#') {
        const bool hex = name[1] == U'x' || name[1] == U'X';
        std::uint32_t v = 0;
        for (std::size_t k = hex ? 2 : 1; k < name.size(); ++k) {
            const char32_t c = name[k];
            std::uint32_t d = 0;
            if (c >= U'0' && c <= U'9') d = c - U'0';
            else if (hex && c >= U'a' && c <= U'f') d = c - U'a' + 10;
            else if (hex && c >= U'A' && c <= U'F') d = c - U'A' + 10;
            else return std::nullopt;
            v = std::min<std::uint32_t>(v * (hex ? 16 : 10) + d, 0x110000);
        }
        return numeric_reference(v);
    }
    static const std::unordered_map<std::u32string_view, char32_t> k_named = {
        {U"amp", U'&'}, {U"lt", U'<'}, {U"gt", U'>'}, {U"quot", U'"'}, {U"apos", U'\''}, {U"nbsp", 0xA0}};
    const auto it = k_named.find(name);
    if (it == k_named.end()) return std::nullopt;
    return it->second;
}

std::u32string unescape(std::u32string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::size_t len = 0;
        const auto ref = s[i] == U'&' ? reference(s, i, len) : std::nullopt;
        if (!ref) {
            out.push_back(s[i]);
            continue;
        }
        out.push_back(*ref);
        i += len - 1;
    }
    return out;
}

/// The translation table of the script (_QUOTES), applied after NFKC and case folding.
char32_t unify(char32_t c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0xAB: case 0xBB: return U'"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return U'-';
    case 0xA0: return U' ';
    case 0x200B: return 0;
    default: return c;
    }
}

/// Names of an author line, split on the script's separators: , ; & / 、 ， ； and the words
/// and / und / y / et standing alone.
std::vector<std::u32string> author_names(const std::u32string& s) {
    static const std::u32string k_marks = U",;&/\u3001\uFF0C\uFF1B";
    static const std::set<std::u32string> k_words = {U"and", U"und", U"y", U"et"};
    auto word_char = [](char32_t c) { return c == U'_' || text::is_token_char(c); };
    std::vector<std::u32string> names;
    std::u32string cur;
    auto flush = [&] {
        const std::u32string t = collapse(cur);
        if (!t.empty()) names.push_back(t);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (k_marks.find(s[i]) != std::u32string::npos) {
            flush();
            continue;
        }
        if (word_char(s[i]) && (i == 0 || !word_char(s[i - 1]))) {
            std::size_t end = i;
            while (end < s.size() && word_char(s[end])) ++end;
            if (k_words.count(s.substr(i, end - i)) != 0) {
                flush();
                i = end - 1;
                continue;
            }
        }
        cur.push_back(s[i]);
    }
    flush();
    return names;
}

/// A parsed date: the calendar day as written, whether it has a time, and the UTC instant when
/// its offset is known.
struct When {
    std::int64_t local_day = 0;
    bool has_time = false;
    std::optional<std::int64_t> instant;
};

std::int64_t floor_day(std::int64_t seconds) { return (seconds >= 0 ? seconds : seconds - 86399) / 86400; }

When when_of(const core::DateTime& d) {
    When w;
    w.local_day = floor_day(d.local_seconds());
    w.has_time = !d.date_only();
    if (d.has_offset()) w.instant = d.seconds;
    return w;
}

std::optional<When> parse_when(std::string_view s) {
    const auto d = core::parse_date(s);
    if (!d) return std::nullopt;
    return when_of(*d);
}

}  // namespace

std::u32string to_u32(std::string_view utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) out.push_back(text::next_codepoint(utf8, i));
    return out;
}

std::string to_utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) text::append_utf8(out, c);
    return out;
}

std::u32string sec_norm(std::string_view s) {
    std::u32string t = unescape(to_u32(s));
    t.erase(std::remove_if(t.begin(), t.end(), [](char32_t c) { return c == 0xAD || c == 0x200B || c == 0xFEFF; }),
            t.end());
    return collapse(t);
}

std::string norm_title(std::string_view s) {
    std::u32string t = to_u32(text::nfkc_casefold(s));
    std::u32string out;
    for (char32_t c : t)
        if (const char32_t u = unify(c); u != 0) out.push_back(u);
    return to_utf8(collapse(out));
}

bool author_ok(std::string_view truth, std::string_view predicted) {
    if (predicted.empty()) return false;
    const std::u32string t = to_u32(norm_title(to_utf8(sec_norm(truth))));
    const std::u32string p = to_u32(norm_title(to_utf8(sec_norm(predicted))));
    if (t.empty() || p.empty()) return false;
    if (t == p) return true;
    if (p.find(t) != std::u32string::npos && p.size() <= t.size() + 40) return true;
    const auto tn = author_names(t);
    const auto pn = author_names(p);
    const std::set<std::u32string> ts(tn.begin(), tn.end()), ps(pn.begin(), pn.end());
    if (!tn.empty() && ts == ps) return true;
    return !pn.empty() && std::includes(ts.begin(), ts.end(), ps.begin(), ps.end()) && ps.count(tn[0]) != 0;
}

bool first_ok(const std::u32string& text, std::string_view want, std::size_t window) {
    const std::u32string w = sec_norm(want);
    const std::size_t i = text.find(w);
    if (i != std::u32string::npos && i <= window) return true;
    const std::size_t j = no_space(text).find(no_space(w));
    return j != std::u32string::npos && j <= window;
}

bool last_ok(const std::u32string& text, std::string_view want, std::size_t window) {
    const std::u32string w = sec_norm(want);
    const std::size_t i = text.rfind(w);
    if (i != std::u32string::npos && text.size() - (i + w.size()) <= window) return true;
    const std::u32string t2 = no_space(text), w2 = no_space(w);
    const std::size_t j = t2.rfind(w2);
    return j != std::u32string::npos && t2.size() - (j + w2.size()) <= window;
}

std::vector<std::string> leaks(const std::u32string& text, const std::vector<std::string>& strings) {
    const std::u32string t2 = no_space(text);
    std::vector<std::string> found;
    for (const std::string& s : strings)
        if (!s.empty() && t2.find(no_space(sec_norm(s))) != std::u32string::npos) found.push_back(s);
    return found;
}

bool sec_date_ok(const std::vector<std::string>& truths, bool day_precision, const core::DateTime& predicted) {
    const When p = when_of(predicted);
    for (const std::string& truth : truths) {
        const auto t = parse_when(truth);
        if (!t) continue;
        if (!day_precision && t->has_time && t->instant && p.has_time && p.instant) {
            if (*t->instant == *p.instant) return true;
        } else if (t->local_day == p.local_day) {
            return true;
        }
    }
    return false;
}

bool readability_date_ok(std::string_view truth, const core::DateTime& predicted) {
    const auto t = parse_when(truth);
    if (!t) return false;
    const When p = when_of(predicted);
    if (t->local_day == p.local_day) return true;
    return t->instant && p.instant && floor_day(*t->instant) == floor_day(*p.instant);
}

namespace {

/// The script's _CJK class: each of these characters is a token of its own.
bool is_cjk_token(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3130 && c <= 0x318F) ||
           (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
           (c >= 0x20000 && c <= 0x2FA1F);
}

using Counts = std::unordered_map<std::string, std::size_t>;

/// Multiset overlap: (in both, only in `got`, only in `want`).
struct Overlap {
    std::size_t matched = 0, extra = 0, missed = 0;
};

Overlap overlap(const Counts& want, const Counts& got) {
    Overlap o;
    for (const auto& [key, n] : want) {
        const auto it = got.find(key);
        const std::size_t m = it == got.end() ? 0 : it->second;
        o.matched += std::min(n, m);
        o.missed += n - std::min(n, m);
    }
    for (const auto& [key, n] : got) {
        const auto it = want.find(key);
        const std::size_t m = it == want.end() ? 0 : it->second;
        o.extra += n - std::min(n, m);
    }
    return o;
}

/// Overlapping 4-token windows (a text of 4 tokens or fewer is one window), each window keyed
/// by its tokens' ids.
Counts shingles(const std::vector<std::string>& toks, std::unordered_map<std::string, std::uint32_t>& ids) {
    std::vector<std::uint32_t> seq;
    seq.reserve(toks.size());
    for (const std::string& t : toks) seq.push_back(ids.emplace(t, static_cast<std::uint32_t>(ids.size())).first->second);
    Counts out;
    const std::size_t n = 4;
    const std::size_t windows = seq.empty() ? 0 : (seq.size() <= n ? 1 : seq.size() - n + 1);
    for (std::size_t i = 0; i < windows; ++i) {
        std::string key;
        for (std::size_t k = i; k < std::min(i + n, seq.size()); ++k) key.append(reinterpret_cast<const char*>(&seq[k]), 4);
        ++out[key];
    }
    return out;
}

double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

double bag_f1(const std::vector<std::string>& want, const std::vector<std::string>& got) {
    Counts w, g;
    for (const std::string& t : want) ++w[t];
    for (const std::string& t : got) ++g[t];
    const double tp = static_cast<double>(overlap(w, g).matched);
    const double p = got.empty() ? (want.empty() ? 1.0 : 0.0) : tp / static_cast<double>(got.size());
    const double r = want.empty() ? (got.empty() ? 1.0 : 0.0) : tp / static_cast<double>(want.size());
    return harmonic(p, r);
}

}  // namespace

std::vector<std::string> tokens(std::string_view utf8) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = text::next_codepoint(utf8, i);
        const bool cjk = is_cjk_token(c);
        if (cjk || !(c == U'_' || text::is_token_char(c))) {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
            if (cjk) {
                out.emplace_back();
                text::append_utf8(out.back(), c);
            }
            continue;
        }
        text::append_utf8(cur, c);
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

BodyScore score_body(std::string_view expected, std::string_view predicted) {
    const auto want = tokens(expected);
    const auto got = tokens(predicted);
    std::unordered_map<std::string, std::uint32_t> ids;
    const Overlap o = overlap(shingles(want, ids), shingles(got, ids));
    BodyScore s;
    // The script scales the three counts to shares of their sum; P and R are ratios of them,
    // so the raw counts give the same values.
    const bool perfect = o.extra == 0 && o.missed == 0;
    const double m = static_cast<double>(o.matched);
    s.precision = perfect ? 1.0 : (o.matched + o.extra ? m / static_cast<double>(o.matched + o.extra) : 0.0);
    s.recall = perfect ? 1.0 : (o.matched + o.missed ? m / static_cast<double>(o.matched + o.missed) : 0.0);
    s.f1 = harmonic(s.precision, s.recall);
    s.use_precision = o.matched + o.extra > 0;
    s.use_recall = o.matched + o.missed > 0;
    s.bag_f1 = bag_f1(want, got);
    return s;
}

}  // namespace dossier::page_score
