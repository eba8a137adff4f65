#pragma once
// extract: page bytes -> core::Article. Each field takes the first stage of its cascade that
// yields a good value (DESIGN.md, "Extraction cascade") and records the stage in
// Article::methods. No I/O: bytes in, values out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/article.hpp"
#include "dossier/core/result.hpp"

namespace dossier::extract {

/// Stored with every article (Article::extractor_version) so `reextract` can tell which
/// articles an improved extractor would change.
inline constexpr const char* k_extractor_version = "0.2.0";

/// A source's [article] table from feeds/<id>.toml. Every member is optional; an empty one
/// (or one that finds nothing on the page) leaves the field to the generic cascade.
struct Hints {
    std::string title;   ///< selector; "sel@attr" reads attribute attr of the first match
    std::string body;    ///< selector of the body container(s); all matches are joined
    std::string date;    ///< selector ("sel@attr"); the text may hold a labelled date ("发布时间 : ...")
    std::string author;  ///< selector ("sel@attr")
    std::vector<std::string> remove;  ///< selectors of elements left out of the body
    /// IANA zone ("Asia/Shanghai") for dates printed as a local time without an offset: they get
    /// the zone's offset at that time. Unknown zones add a warning and leave the date as is.
    std::string timezone;
    std::string lang;                 ///< the source's language, used when set
};

/// Every threshold of the extractor, each with the reason for its value.
struct Options {
    /// Pages larger than this are refused (decoding and parsing cost grow with size; real
    /// article pages are under 4 MiB).
    std::size_t max_bytes = std::size_t{16} << 20;
    /// Elsewhere on the page, blocks with the best container's tag and first class join the body
    /// when they score at least this share of it: the article's later pieces after an embed.
    double continuation_score_ratio = 0.2;
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
    /// A <p> whose link text is at least this share of its text and which is at least
    /// min_story_link_chars long is a link to another story and is dropped: "Read more: " before
    /// a headline link is about 0.8 of the text. Other paragraphs are kept whatever their links
    /// (Readability never drops a <p> for its links; "<p><a>link</a></p>" or a link-rich
    /// opening sentence is text).
    double story_link_density = 0.75;
    std::size_t min_story_link_chars = 30;
    /// Blocks with at least this many commas are prose whatever their link density (Readability).
    std::size_t min_commas_for_prose = 10;
    /// A sibling of the best container joins the body when its score reaches this share of
    /// the best score (Readability: 0.2), so articles split across sibling blocks stay whole.
    double sibling_score_ratio = 0.2;
    /// An element holding at least this share of the page's prose (non-link text) is never
    /// dropped for its class/id names: "c-fixed-sidebar-layout" or "subscribeAbs" on a wrapper
    /// of the whole article must not hide it.
    double protect_prose_share = 0.5;
    /// The best this many scored containers are compared for a shared ancestor (Readability: 5).
    std::size_t top_candidates = 5;
    /// Candidates scoring at least this share of the best one are its peers (Readability: 0.75)...
    double peer_candidate_ratio = 0.75;
    /// ...and the nearest ancestor holding this many peers (the best one included) becomes the
    /// container: a document split into sections has no single best block (Readability: 3).
    std::size_t min_peer_candidates = 3;
    /// A body shorter than this (weighted characters) after the strict pass triggers a second
    /// pass that ignores class/id hints, which sometimes hide the whole article (Readability: 500).
    std::size_t retry_below_chars = 500;
    /// ...and when still that short, a last pass also reads <noscript> and hidden elements; its
    /// body is taken only when this many times longer: hidden parts of a visible article are
    /// usually unused variants, a script-built page hides all of its article.
    double reveal_gain = 3.0;
    /// A body shorter than this is reported as "no article body found": shorter text is a
    /// caption or an error message, not an article.
    std::size_t min_body_chars = 60;
    /// A page whose <body> holds less text than this (weighted characters) and has no scored
    /// block is taken whole (when not mostly links): a short note is still an article, and a
    /// page of real chrome (menus, footers) is longer than this.
    std::size_t tiny_page_chars = 200;
    /// An element classed as a date ("post-date", "createdtime") gives the date only when its
    /// whole text is one and no longer than this: longer text is a dateline sentence.
    std::size_t max_date_element_chars = 60;
    /// A publication time without offset takes the offset of a modification time at most this
    /// many seconds later (a week: no daylight-saving change is likely in between).
    std::int64_t borrow_offset_within_s = 7 * 24 * 3600;
    /// A visible date by the headline replaces a generic <meta name="date"> when it is
    /// earlier by less than this (30 days): within that it is the same story's first version,
    /// further back it is more likely another story's date.
    std::int64_t generic_meta_date_slack_s = 30 * 24 * 3600;
    /// Visible date patterns are looked for this far (in characters) past the headline.
    std::size_t date_scan_chars = 3000;
    /// JSON-LD "headline" or "name" counts as confirmed by <title> when more than this share of
    /// its words (by characters) occur there; a site suffix in <title> must not stop a match,
    /// a section label ("Wikimedia list article") must fail it (Readability uses 0.75).
    double title_overlap = 0.75;
    /// Titles are cut to this many characters; author names longer than max_author_chars are
    /// not names (a whole byline paragraph was matched).
    std::size_t max_title_chars = 300;
    std::size_t max_author_chars = 100;
    /// A "By ..." line under the headline is a byline when it has at most this many words
    /// ("By Ann Lee, Bo Chen and Cy Dee" is 8); longer lines are sentences.
    std::size_t max_byline_words = 8;
    /// A name written as the body's first paragraph (followed by an e-mail line) has two to this
    /// many words: longer first paragraphs are prose, even when capitalized like a headline.
    std::size_t max_name_words = 4;
    /// Editor initials closing a text ("(bsc)", "(dpa/fm)") have at most this many letters per
    /// group: a longer lower-case word in parentheses is a term ("(nmap)" is already borderline).
    std::size_t max_initials_letters = 5;
    /// An issuer line under a press release's date ("セキュリティセンター") is at most this many
    /// bytes: longer lines are the release's text.
    std::size_t max_issuer_line_bytes = 90;
    /// JSON-LD scripts larger than this are skipped (real ones are a few KiB).
    std::size_t max_json_ld_bytes = std::size_t{1} << 20;
    /// At most this many tags are kept, each at most max_tag_chars long.
    std::size_t max_tags = 30;
    std::size_t max_tag_chars = 60;
};

/// Extracts an Article from page bytes fetched from `url` with HTTP Content-Type `content_type`.
/// Decodes the charset (text::decode_to_utf8), parses, then fills each field from its cascade:
///   title:     hint -> JSON-LD headline or name (the one <title> confirms) -> <meta> titles (dc:title,
///              og:title, ..., twitter:title) -> <h1> that matches <title> -> <title> minus the site name;
///              site-name segments and an <h1>'s kicker ("Kicker - Headline") are cut off
///   published: hint -> JSON-LD datePublished -> <meta> dates (a bare <meta name=date> yields to an earlier
///              visible date) -> <time datetime> / itemprop / a date-classed element ("20220428223328") ->
///              visible patterns (发布时间 : 2025-12-23 14:55:52, 2023年2月3日, May 19, 2020, 19. Mai 2020,
///              19 de mayo de 2020, 3 février 2021) -> date in the URL path
///   author:    hint -> JSON-LD author -> <meta> author -> rel=author / .author / .byline -> visible 作者/本文由
///              -> a "By ..." line under the headline -> the body's opening name + e-mail lines or closing
///              editor initials ("(bsc)")
///   lang:      hint -> <html lang> -> <meta> content-language -> guessed from the script of the body
///   text:      hint -> Readability-style scoring of blocks (text length, commas, link density, class/id),
///              retried without class/id names, then with <noscript> and hidden elements as content; a
///              tiny page is taken whole; an article page without body text falls back to its description
/// plus canonical_url, updated, tags and lead_image. Dates without an offset get hints.timezone's
/// offset when it is set, else the offset of a modification time at most a week later, else stay
/// offset-unknown.
/// A page without an article gives empty text and a warning "extract: no article body found".
/// Fails only when the page is over opts.max_bytes or cannot be parsed (too deep, too many
/// elements); the message starts with "extract: ".
core::Result<core::Article> extract(std::string_view bytes, std::string_view url, std::string_view content_type = {},
                                    const Hints& hints = {}, const Options& opts = {});

}  // namespace dossier::extract
