#pragma once
// Provenance: attribution lines ("本文转载自 X", "来源：X", "原文链接：URL", "This article originally
// appeared on X", "Source: X") read into the article's origin, and removed before fingerprinting.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::dedup {

/// Where an article says it comes from.
struct Origin {
    /// The publication or site as written ("medium.com", "The Atlantic", "网易科学人"), trimmed of
    /// spaces, quotes and brackets; empty when the lines give only a URL, or when `self`.
    std::string name;
    /// The original's http(s) URL when an attribution line gives one; else empty.
    std::string url;
    /// The trimmed line the name (else the URL, else the own-site claim) came from.
    std::string line;
    /// True when the only attribution is the site's own claim ("来源：本站原创", "本文由X原创发布"):
    /// the article says it is an original, and name and url are empty.
    bool self = false;
};

/// Attribution lines are looked for only among the first k_head_paragraphs and the last
/// k_tail_paragraphs non-empty lines: credits sit above or below the text (anquanke puts
/// "文章来源/原文地址" in the first 3 lines and 8 lines of credits and notices at the end), and
/// a line in the middle that starts "本文转载自" is part of the article.
inline constexpr std::size_t k_head_paragraphs = 5;
inline constexpr std::size_t k_tail_paragraphs = 8;

/// Caption-like markers ("Source: X", "Via: X", a bare "来源：X" or "出处：X") count only in the
/// first line or the last two: image and chart captions use the same words anywhere in a text
/// ("Source: BleepingComputer" under a screenshot, "来源：国家统计局" under a chart).
inline constexpr std::size_t k_weak_head_paragraphs = 1;
inline constexpr std::size_t k_weak_tail_paragraphs = 2;

/// Longer lines (in code points) are paragraphs, not attribution lines.
inline constexpr std::size_t k_max_attribution_chars = 240;

/// True when `line` is an attribution line: an origin ("转载自", "来源：", "原文链接：", "编译自",
/// "originally appeared on", "Source:", "Via:"), an own-site claim ("本文由X原创发布"), a credit
/// ("译者：", "编译/", "作者：", "责任编辑：", "Translated by") or a repost notice ("转载请注明出处",
/// "未经授权，不得转载"). Position is not checked here (see k_head_paragraphs); find_origin and
/// strip_attribution read only lines in their place.
bool is_attribution_line(std::string_view line);

/// The origin named by the attribution lines near either end of `body`. A foreign origin wins
/// over an own-site claim; its name comes from the first line that names one and its URL from
/// that line or else the first "原文链接"/"原文地址"/"Original article" line. A translator or editor
/// is a credit, not an origin ("译者：X" gives nothing), but "编译自 X" / "译自 X" names the
/// source text. Placeholders ("来源：网络", "Source: Supplied", image credits) name nothing.
/// Returns nothing when no line near either end attributes the text.
std::optional<Origin> find_origin(std::string_view body);

/// `body` without the attribution lines near either end (the lines find_origin reads, plus
/// credits and repost notices): the text that minhash() should fingerprint, so a copy that
/// credits its source and the source itself compare on their shared text only.
std::string strip_attribution(std::string_view body);

}  // namespace dossier::dedup
