// extract(): guards, decoding and parsing, then each field's cascade (fields.hpp).
#include "dossier/extract/extract.hpp"

#include "dossier/text/unicode.hpp"

#include "dossier/html/document.hpp"
#include "dossier/text/charset.hpp"
#include "dossier/text/time_zone.hpp"
#include "fields.hpp"
#include "page.hpp"

namespace dossier::extract {

namespace {

using detail::Page;

/// A wall-clock time without an offset gets the offset the source's zone had at that time
/// (daylight saving included). Dates without a time and dates with an offset stay as they are.
void apply_zone(std::optional<core::DateTime>& dt, const Page& page, std::string_view field) {
    if (!dt || dt->has_offset() || dt->date_only() || page.hints.timezone.empty()) return;
    auto off = text::zone_offset_minutes(page.hints.timezone, dt->seconds);
    if (!off) {
        page.warnings.push_back("extract: " + std::string(field) + ": " + off.error().message);
        return;
    }
    dt->seconds -= std::int64_t{60} * *off;
    dt->offset_minutes = *off;
}

/// A local publication time takes the offset of the page's modification time when the two are
/// close: both are the same newsroom's clock, and offsets only change with daylight saving.
void borrow_offset(std::optional<core::DateTime>& published, const std::optional<core::DateTime>& updated,
                   const Options& opts) {
    if (!published || published->has_offset() || published->date_only() || !updated || !updated->has_offset())
        return;
    const std::int64_t gap = updated->local_seconds() - published->seconds;
    if (gap < 0 || gap > opts.borrow_offset_within_s) return;
    published->offset_minutes = updated->offset_minutes;
    published->seconds -= std::int64_t{60} * *updated->offset_minutes;
}

void fill_metadata(Page& page, core::Article& a) {
    if (auto t = detail::find_title(page)) {
        a.title = std::move(t->value);
        a.methods["title"] = std::move(t->method);
    } else {
        a.warnings.push_back("extract: no title found");
    }
    page.headline = a.title;  // later stages look for the headline in the page
    if (auto d = detail::find_published(page)) {
        a.published = d->value;
        a.published_source = d->method;
        a.methods["published"] = std::move(d->method);
    } else {
        a.warnings.push_back("extract: no publication date found");
    }
    a.updated = detail::find_updated(page);
    apply_zone(a.published, page, "published");
    apply_zone(a.updated, page, "updated");
    borrow_offset(a.published, a.updated, page.opts);
    if (auto au = detail::find_author(page)) {
        a.author = std::move(au->value);
        a.methods["author"] = std::move(au->method);
    }
    a.canonical_url = detail::find_canonical(page);
    a.tags = detail::find_tags(page);
    a.lead_image = detail::find_lead_image(page);
}

/// Every string the extractor returns is well-formed UTF-8, whatever path built it: the
/// store, the JSON output and the search tokenizer rely on it. Gumbo and the charset decoder
/// already guarantee it for what they produce, so a repair here means a bug upstream; it is
/// named in a warning rather than passed on silently. (A CI fuzz run once reported an
/// ill-formed text that 80,000 further runs did not reproduce; this makes the property hold
/// by construction.)
void repair_text_fields(core::Article& a) {
    bool repaired = false;
    for (std::string* s : {&a.title, &a.author, &a.text, &a.lang, &a.lead_image, &a.canonical_url, &a.published_source})
        repaired = text::repair_utf8(*s) || repaired;
    for (std::string& t : a.tags) repaired = text::repair_utf8(t) || repaired;
    if (repaired) a.warnings.emplace_back("extract: ill-formed UTF-8 replaced by U+FFFD");
}

}  // namespace

core::Result<core::Article> extract(std::string_view bytes, std::string_view url, std::string_view content_type,
                                    const Hints& hints, const Options& opts) {
    if (bytes.size() > opts.max_bytes)
        return core::fail("extract: page over " + std::to_string(opts.max_bytes) + " bytes: " + std::string(url));
    auto decoded = text::decode_to_utf8(bytes, content_type, opts.max_bytes);
    if (!decoded) return core::fail("extract: " + decoded.error().message + ": " + std::string(url));
    html::ParseOptions popts;
    popts.max_bytes = opts.max_bytes * 4;  // UTF-8 of a legacy charset can be up to 3x the bytes
    popts.max_depth = opts.max_depth;
    popts.max_elements = opts.max_nodes;
    auto doc = html::Document::parse(decoded->utf8, popts);
    if (!doc) return core::fail("extract: " + doc.error().message + ": " + std::string(url));

    core::Article a;
    a.url = std::string(url);
    a.extractor_version = k_extractor_version;
    Page page = detail::read_page(*doc, url, hints, opts);
    a.methods["charset"] = decoded->charset + " (" + decoded->method + ")";
    fill_metadata(page, a);
    if (auto body = detail::find_body(page)) {
        a.text = std::move(body->value);
        a.methods["text"] = std::move(body->method);
        if (a.author.empty())
            if (auto au = detail::find_author_in_body(page, a.text)) {
                a.author = std::move(au->value);
                a.methods["author"] = std::move(au->method);
            }
    } else {
        a.warnings.push_back("extract: no article body found");
    }
    if (auto lang = detail::find_lang(page, a.text)) {
        a.lang = std::move(lang->value);
        a.methods["lang"] = std::move(lang->method);
    }
    for (std::string& w : page.warnings) a.warnings.push_back(std::move(w));
    repair_text_fields(a);
    return a;
}

}  // namespace dossier::extract
