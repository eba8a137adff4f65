// Label tables for provenance.cpp. Longest match wins at a position, so "本文转载自" is read
// before "转载自" and "注明出处" (a repost notice) before "出处" (an origin).
#include "attribution_labels.hpp"

#include <algorithm>
#include <string>

#include "dossier/core/strings.hpp"

namespace dossier::dedup::attribution {

namespace {

struct Label {
    std::string_view text;
    Kind kind;
    bool direct;  ///< the value may follow with no separator: "转载自FreeBuf", "编译自 X"
};

constexpr std::array<Label, 50> k_labels{{
    // The source text. "来源" alone needs a separator: "来源不明的攻击" is prose.
    {"本文转载自", Kind::origin, true}, {"转载自", Kind::origin, true}, {"转自", Kind::origin, true},
    {"本文来源于", Kind::origin, true}, {"来源于", Kind::origin, true}, {"本文来源", Kind::origin, false},
    {"文章来源", Kind::origin, false}, {"原文来源", Kind::origin, false}, {"消息来源", Kind::origin, false},
    {"信息来源", Kind::origin, false}, {"新闻来源", Kind::origin, false}, {"内容来源", Kind::origin, false},
    {"参考来源", Kind::origin, false}, {"来源", Kind::origin, false}, {"原文出处", Kind::origin, false},
    {"出处", Kind::origin, false}, {"本文翻译自", Kind::origin, true}, {"本文编译自", Kind::origin, true}, {"翻译自", Kind::origin, true},
    {"编译自", Kind::origin, true}, {"译自", Kind::origin, true}, {"原载于", Kind::origin, true},
    {"摘自", Kind::origin, true}, {"选自", Kind::origin, true},
    // The source's address.
    {"原文链接", Kind::origin_url, false}, {"原文地址", Kind::origin_url, false},
    {"原文网址", Kind::origin_url, false}, {"原始链接", Kind::origin_url, false},
    // People and the site: a translator or editor is not where the text comes from.
    {"译者", Kind::credit, false}, {"编译", Kind::credit, false}, {"翻译", Kind::credit, false},
    {"原作者", Kind::credit, false}, {"文章原作者", Kind::credit, false}, {"作者", Kind::credit, false},
    {"责任编辑", Kind::credit, false}, {"编辑", Kind::credit, false}, {"校对", Kind::credit, false},
    {"审校", Kind::credit, false}, {"出品", Kind::credit, false}, {"本文由", Kind::credit, true},
    {"本文为", Kind::credit, true}, {"本文系", Kind::credit, true}, {"译文声明", Kind::credit, true},
    {"本文是翻译文章", Kind::credit, true},
    // Repost notices: the URL they give is the reposting site's own page.
    {"转载请注明", Kind::policy, true}, {"如若转载", Kind::policy, true}, {"注明出处", Kind::policy, true},
    {"转载声明", Kind::policy, true}, {"不得转载", Kind::policy, true}, {"禁止转载", Kind::policy, true},
}};

/// Origin labels that figure and table captions share.
constexpr std::array<std::string_view, 2> k_weak_labels{"来源", "出处"};

/// Repost notices that make a short line an attribution line wherever they stand.
constexpr std::array<std::string_view, 9> k_policy_phrases{
    "转载请注明", "如若转载", "注明出处", "不得转载", "禁止转载", "谢绝转载", "严禁转载", "版权归原作者", "如有侵权"};

constexpr std::array<std::string_view, 10> k_separators{
    "：", ":", "／", "/", "︱", "|", "丨", "｜", " ", "\u3000"};

constexpr std::array<std::string_view, 17> k_trim{
    " ", "\t", ":", "：", ",", "，", ".", "。", ";", "；", "\"", "'", "*", "-", "<", ">", "\u3000"};

struct Brackets {
    std::string_view open;
    std::string_view close;
};

constexpr std::array<Brackets, 9> k_brackets{{
    {"《", "》"}, {"「", "」"}, {"『", "』"}, {"【", "】"}, {"（", "）"}, {"(", ")"}, {"[", "]"}, {"“", "”"}, {"‘", "’"}}};

constexpr std::array<std::string_view, 10> k_self_names{
    "本站", "原创", "本站原创", "本网", "本网原创", "本文原创", "本站编辑", "独家", "本站独家", "original"};

constexpr std::array<std::string_view, 16> k_placeholder_names{
    "网络", "互联网", "网友投稿", "未知", "佚名", "综合", "网络整理", "综合整理", "整理", "网络转载",
    "internet", "unknown", "various", "n/a", "staff", "the internet"};

constexpr std::array<std::string_view, 10> k_image_credit_words{
    "image", "photo", "supplied", "screenshot", "getty", "shutterstock", "unsplash", "pixabay",
    "wikimedia", "illustration"};

struct EnglishStart {
    std::string_view text;
    Kind kind;
};

/// Markers that open the line.
constexpr std::array<EnglishStart, 16> k_english_starts{{
    {"source:", Kind::origin}, {"sources:", Kind::origin}, {"via:", Kind::origin},
    {"original article:", Kind::origin}, {"original post:", Kind::origin}, {"original story:", Kind::origin},
    {"original source:", Kind::origin}, {"translated from", Kind::origin}, {"republished from", Kind::origin},
    {"reprinted from", Kind::origin}, {"reprinted with permission from", Kind::origin},
    {"republished with permission from", Kind::origin}, {"cross-posted from", Kind::origin},
    {"crossposted from", Kind::origin}, {"translated by", Kind::credit}, {"translation by", Kind::credit}}};

/// Phrases that may follow a short opener ("This article", "A version of this story was").
constexpr std::array<std::string_view, 7> k_english_phrases{
    "originally appeared", "originally published", "originally posted", "first appeared", "first published",
    "republished from", "reprinted from"};

constexpr std::array<std::string_view, 6> k_english_openers{
    "this ", "a version of this ", "an earlier version of this ", "portions of this ", "parts of this ",
    "the original version of this "};

constexpr std::array<std::string_view, 6> k_prepositions{"on ", "in ", "at ", "by ", "to ", "from "};

bool equals_any(std::string_view s, const auto& list) {
    for (const std::string_view item : list) {
        if (core::iequals(s, item)) return true;
    }
    return false;
}

/// Bytes of separators at `at` (several may follow each other: "来源： X").
std::size_t separators_at(std::string_view s, std::size_t at) {
    const std::size_t from = at;
    for (bool moved = true; moved;) {
        moved = false;
        for (const std::string_view sep : k_separators) {
            if (s.substr(at).starts_with(sep)) {
                at += sep.size();
                moved = true;
            }
        }
    }
    return at - from;
}

}  // namespace

std::size_t count_codepoints(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0U) == 0x80U ? 0U : 1U;
    return n;
}

std::optional<LabelMatch> label_at(std::string_view line, std::size_t at) {
    const Label* best = nullptr;
    for (const Label& label : k_labels) {
        if (line.substr(at).starts_with(label.text) && (!best || label.text.size() > best->text.size())) {
            best = &label;
        }
    }
    if (!best) return std::nullopt;
    const std::size_t after = at + best->text.size();
    const std::size_t gap = separators_at(line, after);
    if (gap == 0 && !best->direct && after < line.size()) return std::nullopt;
    const bool weak = std::find(k_weak_labels.begin(), k_weak_labels.end(), best->text) != k_weak_labels.end();
    return LabelMatch{best->kind, at, after + gap, weak};
}

bool has_policy_phrase(std::string_view line) {
    if (count_codepoints(line) > 120) return false;
    for (const std::string_view phrase : k_policy_phrases) {
        if (line.find(phrase) != std::string_view::npos) return true;
    }
    return false;
}

std::string_view trim_name(std::string_view s) {
    for (bool moved = true; moved && !s.empty();) {
        moved = false;
        for (const std::string_view t : k_trim) {
            if (s.starts_with(t)) {
                s.remove_prefix(t.size());
                moved = true;
            }
            if (s.ends_with(t)) {
                s.remove_suffix(t.size());
                moved = true;
            }
        }
        // A bracket goes when its partner is not in the name: "新华网】" loses 】, "《连线》杂志"
        // keeps both, "《连线》" loses both.
        for (const auto& [open, close] : k_brackets) {
            const bool opens = s.starts_with(open);
            const bool closes = s.ends_with(close) && s.size() >= close.size() + (opens ? open.size() : 0);
            const std::string_view inner = s.substr(opens ? open.size() : 0, s.size() - (opens ? open.size() : 0) - (closes ? close.size() : 0));
            const bool paired_inside = inner.find(opens ? close : open) != std::string_view::npos;
            if ((opens || closes) && !paired_inside) {
                s = inner;
                moved = true;
            }
        }
    }
    return s;
}

std::size_t date_clause(std::string_view value) {
    static constexpr std::array<std::string_view, 12> k_months{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t at = value.find(" on "); at != std::string_view::npos; at = value.find(" on ", at + 1)) {
        const std::string_view rest = value.substr(at + 4);
        if (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') return at;
        for (const std::string_view month : k_months) {
            if (core::istarts_with(rest, month)) return at;
        }
    }
    return std::string_view::npos;
}

bool is_self_name(std::string_view name) { return equals_any(name, k_self_names); }

bool is_usable_name(std::string_view name) {
    if (name.empty() || count_codepoints(name) > 80 || equals_any(name, k_placeholder_names)) return false;
    bool letter = false;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        letter = letter || u >= 0x80 || ((u | 0x20U) >= 'a' && (u | 0x20U) <= 'z');
    }
    if (!letter) return false;
    const std::string lower = core::to_lower_ascii(name);
    for (const std::string_view word : k_image_credit_words) {
        if (lower.find(word) != std::string::npos) return false;
    }
    return true;
}

std::optional<EnglishMatch> english_marker(std::string_view lower) {
    for (const EnglishStart& start : k_english_starts) {
        if (lower.starts_with(start.text)) {
            const bool weak = start.text == "source:" || start.text == "sources:" || start.text == "via:";
            return EnglishMatch{start.kind, start.text.size(), weak};
        }
    }
    bool opened = false;
    for (const std::string_view opener : k_english_openers) opened = opened || lower.starts_with(opener);
    for (const std::string_view phrase : k_english_phrases) {
        const std::size_t at = lower.find(phrase);
        if (at == std::string_view::npos) continue;
        // The phrase opens the line, or follows an opener by a few words ("this article was");
        // a later mention is prose ("... [originally published in 1966]").
        const auto words_before = std::count(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(at), ' ');
        if (at != 0 && (!opened || words_before > 7)) continue;
        std::size_t value = at + phrase.size();
        while (value < lower.size() && lower[value] == ' ') ++value;
        if (phrase.ends_with("from")) return EnglishMatch{Kind::origin, value};
        for (const std::string_view prep : k_prepositions) {
            if (lower.substr(value).starts_with(prep)) return EnglishMatch{Kind::origin, value + prep.size()};
        }
    }
    return std::nullopt;
}

}  // namespace dossier::dedup::attribution
