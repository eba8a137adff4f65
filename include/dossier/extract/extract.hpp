#pragma once
// extract: page bytes -> core::Article. Each field takes the first stage of its cascade that
// yields a good value (DESIGN.md, "Extraction cascade") and records the stage in
// Article::methods. No I/O: bytes in, values out.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/article.hpp"
#include "dossier/core/result.hpp"

namespace dossier::extract {

/// Stored with every article (Article::extractor_version) so `reextract` can tell which
/// articles an improved extractor would change.
inline constexpr const char* k_extractor_version = "0.1.0";

/// A source's [article] table from feeds/<id>.toml. Every member is optional; an empty one
/// (or one that finds nothing on the page) leaves the field to the generic cascade.
struct Hints {
    std::string title;   ///< selector; "sel@attr" reads attribute attr of the first match
    std::string body;    ///< selector of the body container(s); all matches are joined
    std::string date;    ///< selector ("sel@attr"); the text may hold a labelled date ("发布时间 : ...")
    std::string author;  ///< selector ("sel@attr")
    std::vector<std::string> remove;  ///< selectors of elements left out of the body
    std::string timezone;             ///< IANA zone for dates printed without an offset (applied later, by crawl)
    std::string lang;                 ///< the source's language, used when set
};

/// Every threshold of the extractor, each with the reason for its value.
struct Options {
    /// Pages larger than this are refused (decoding and parsing cost grow with size; real
    /// article pages are under 4 MiB).
    std::size_t max_bytes = std::size_t{16} << 20;
    /// Pages with more elements than this are refused: bounds parse-tree memory.
    std::size_t max_nodes = 1'000'000;
    /// Pages nesting deeper than this are refused (the parser's cost grows with depth).
    std::size_t max_depth = 1024;
    /// A text block shorter than this (in weighted characters, see below) does not vote for
    /// its container: captions, bylines and buttons are short (Readability uses 25).
    std::size_t min_paragraph_chars = 25;
    /// Han, kana and Hangul characters count this many times in text lengths: one carries
    /// about as much as a short word, so a Chinese paragraph weighs like an English one.
    std::size_t cjk_char_weight = 3;
    /// Blocks inside the body whose link text exceeds this share of their text are link lists
    /// (related stories, tag clouds), not prose.
    double max_link_density = 0.5;
    /// The same for short blocks (under short_block_chars), where a few links already make
    /// a share bar or "read more" box.
    double max_short_block_link_density = 0.25;
    std::size_t short_block_chars = 200;
    /// Blocks with at least this many commas are prose whatever their link density (Readability).
    std::size_t min_commas_for_prose = 10;
    /// A sibling of the best container joins the body when its score reaches this share of
    /// the best score (Readability: 0.2), so articles split across sibling blocks stay whole.
    double sibling_score_ratio = 0.2;
    /// An element holding at least this share of the page's prose (non-link text) is never
    /// dropped for its class/id names: "c-fixed-sidebar-layout" or "subscribeAbs" on a wrapper
    /// of the whole article must not hide it.
    double protect_prose_share = 0.5;
    /// A body shorter than this (weighted characters) after the strict pass triggers a second
    /// pass that ignores class/id hints, which sometimes hide the whole article (Readability: 500).
    std::size_t retry_below_chars = 500;
    /// A body shorter than this is reported as "no article body found": shorter text is a
    /// caption or an error message, not an article.
    std::size_t min_body_chars = 60;
    /// Visible date patterns are looked for this far (in characters) past the headline.
    std::size_t date_scan_chars = 3000;
    /// Titles are cut to this many characters; author names longer than max_author_chars are
    /// not names (a whole byline paragraph was matched).
    std::size_t max_title_chars = 300;
    std::size_t max_author_chars = 100;
    /// JSON-LD scripts larger than this are skipped (real ones are a few KiB).
    std::size_t max_json_ld_bytes = std::size_t{1} << 20;
    /// At most this many tags are kept, each at most max_tag_chars long.
    std::size_t max_tags = 30;
    std::size_t max_tag_chars = 60;
};

/// Extracts an Article from page bytes fetched from `url` with HTTP Content-Type `content_type`.
/// Decodes the charset (text::decode_to_utf8), parses, then fills each field from its cascade:
///   title:     hint -> JSON-LD headline -> og:title -> <h1> that matches <title> -> <title> minus the site name
///   published: hint -> JSON-LD datePublished -> <meta> dates -> <time datetime> / itemprop -> visible
///              patterns (发布时间 : 2025-12-23 14:55:52, 2023年2月3日, May 19, 2020) -> date in the URL path
///   author:    hint -> JSON-LD author -> <meta> author -> rel=author / .author / .byline -> visible 作者/本文由
///   lang:      hint -> <html lang> -> <meta> content-language -> guessed from the script of the body
///   text:      hint -> Readability-style scoring of blocks (text length, commas, link density, class/id)
/// plus canonical_url, updated, tags and lead_image. Dates without an offset stay offset-unknown.
/// A page without an article gives empty text and a warning "extract: no article body found".
/// Fails only when the page is over opts.max_bytes or cannot be parsed (too deep, too many
/// elements); the message starts with "extract: ".
core::Result<core::Article> extract(std::string_view bytes, std::string_view url, std::string_view content_type = {},
                                    const Hints& hints = {}, const Options& opts = {});

}  // namespace dossier::extract
