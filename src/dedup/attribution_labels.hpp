#pragma once
// The words of attribution lines, for provenance.cpp: Chinese labels ("来源：", "原文链接："),
// English markers ("Source:", "originally appeared on"), and the names that are no origin.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace dossier::dedup::attribution {

enum class Kind {
    origin,      ///< names the source text: 来源, 转载自, 编译自, Source:, originally appeared on
    origin_url,  ///< gives the source's URL: 原文链接, 原文地址
    credit,      ///< a person or the site: 译者, 编译, 作者, 责任编辑, 本文由, Translated by
    policy,      ///< a repost notice: 转载请注明出处, 未经授权不得转载 (its URL is the site's own)
};

/// A label found in a line: where it starts, where its value starts (after separators).
struct LabelMatch {
    Kind kind = Kind::origin;
    std::size_t begin = 0;
    std::size_t value_begin = 0;
    /// A bare "来源"/"出处": figure and data captions use it too ("来源：国家统计局").
    bool weak = false;
};

/// Code points in UTF-8 `s` (bytes that are not continuation bytes).
std::size_t count_codepoints(std::string_view s);

/// The longest Chinese label starting at byte `at` of `line`, when it is followed by a separator
/// (：, :, /, ︱, |, a space) or needs none ("转载自X", "编译自X", policy phrases).
std::optional<LabelMatch> label_at(std::string_view line, std::size_t at);

/// True when a short line (up to 120 code points) contains a repost notice anywhere
/// ("【…未经授权，不得转载、摘编等。】").
bool has_policy_phrase(std::string_view line);

/// Openers of an own-site claim when the line also says 原创 ("本文由 hx1997 原创发布").
inline constexpr std::array<std::string_view, 3> k_self_openers{"本文由", "本文为", "本文系"};

/// Where a name in any language ends: list and sentence punctuation, brackets, wide gaps.
inline constexpr std::array<std::string_view, 14> k_name_delimiters{
    "，", "。", "；", ";", "、", "|", "丨", "︱", "｜", "（", "(", ",",
    "\u3000", "  "};  // ideographic space, two spaces

/// Where an English name ends inside its sentence ("on The Atlantic and is republished ...").
inline constexpr std::array<std::string_view, 8> k_english_delimiters{
    ". ", " and ", " under ", " with ", " as ", " - ", " \u2014 ", " \u2013 "};

/// Where " on <date>" starts in an English value ("Medium on March 3, 2020"), else npos; a
/// plain " on " belongs to names like "Krebs on Security".
std::size_t date_clause(std::string_view value);

/// `s` without spaces, quotes, brackets and punctuation at either end.
std::string_view trim_name(std::string_view s);

/// True for values that claim the text as the site's own: 本站, 原创, 本站原创, 本网 ...
bool is_self_name(std::string_view name);

/// False for empty values, values without a letter ("1966"), placeholders (网络, 互联网, 未知,
/// unknown) and image credits (Supplied, Getty Images, screenshot), which name no origin.
bool is_usable_name(std::string_view name);

/// An English marker: the kind and where its value starts in the lower-cased line.
struct EnglishMatch {
    Kind kind = Kind::origin;
    std::size_t value_begin = 0;
    /// "Source:", "Via:": image captions use them too ("Source: BleepingComputer").
    bool weak = false;
};

/// Reads an ASCII-lower-cased line that starts with an English attribution marker
/// ("source:", "via:", "translated by", "republished from") or that says, within its first
/// words after an opener ("this article", "a version of this story"), "originally appeared /
/// published / posted" or "first appeared / published" followed by on, in, at, by or to.
std::optional<EnglishMatch> english_marker(std::string_view lower);

}  // namespace dossier::dedup::attribution
