#pragma once
// Fuzz entry "extract": extract::extract, page bytes + URL -> Article (charset decoding, HTML
// parsing, selectors of the source's hints, JSON-LD, dates, body scoring).
// Input: line 1 = page URL, line 2 = HTTP Content-Type (may be empty), line 3 = hints as
// tab-separated fields title, body, date, author, remove, timezone, lang (any may be empty),
// the rest = the page bytes.
#include <string>
#include <string_view>

#include "dossier/extract/extract.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Runs one input through the extractor; returns the invariants its result broke.
inline Violations run_extract(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view url = in.line();
    const std::string_view content_type = in.line();
    const auto hint_fields = split_fields(in.line(), '\t');
    extract::Hints hints;
    hints.title = field_at(hint_fields, 0);
    hints.body = field_at(hint_fields, 1);
    hints.date = field_at(hint_fields, 2);
    hints.author = field_at(hint_fields, 3);
    if (!field_at(hint_fields, 4).empty()) hints.remove.emplace_back(field_at(hint_fields, 4));
    hints.timezone = field_at(hint_fields, 5);
    hints.lang = field_at(hint_fields, 6);
    const extract::Options opts;
    auto r = extract::extract(in.rest(), url, content_type, hints, opts);
    if (!r) {
        check(v, starts_with(r.error().message, "extract: "), "extract: error without the module prefix");
        return v;
    }
    const core::Article& a = *r;
    // Title and author caps are in characters; a character is at most 4 UTF-8 bytes.
    check(v, a.title.size() <= 4 * opts.max_title_chars, "extract: title over max_title_chars");
    check(v, a.author.size() <= 4 * opts.max_author_chars, "extract: author over max_author_chars");
    check(v, a.tags.size() <= opts.max_tags, "extract: more tags than max_tags");
    for (const std::string& t : a.tags) {
        check(v, t.size() <= 4 * opts.max_tag_chars, "extract: tag over max_tag_chars");
        check_utf8(v, t, "extract: tag");
    }
    check_utf8(v, a.title, "extract: title");
    check_utf8(v, a.author, "extract: author");
    check_utf8(v, a.text, "extract: text");
    check_utf8(v, a.lang, "extract: lang");
    // canonical_url is the page's URL when the page declares none: only as valid as that.
    if (valid_utf8(url)) check_utf8(v, a.canonical_url, "extract: canonical_url");
    check_utf8(v, a.lead_image, "extract: lead_image");
    check_date(v, a.published, "extract: published");
    check_date(v, a.updated, "extract: updated");
    return v;
}

}  // namespace dossier::fuzz
