// Publication and modification dates. Machine-readable stages come first (they carry offsets);
// visible text and the URL only tell the day or a local time.
#include <array>

#include "boilerplate.hpp"
#include "date_text.hpp"
#include "dossier/core/strings.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

using DateField = Field<core::DateTime>;

// <meta> keys that hold the publication date, most specific first.
constexpr auto k_published_metas = std::to_array<std::string_view>({"article:published_time",
                                                                    "og:published_time",
                                                                    "og:article:published_time",
                                                                    "article:published",
                                                                    "datepublished",
                                                                    "pubdate",
                                                                    "publishdate",
                                                                    "publish-date",
                                                                    "publish_date",
                                                                    "publication_date",
                                                                    "dc.date.issued",
                                                                    "dcterms.issued",
                                                                    "dc.date",
                                                                    "dcterms.date",
                                                                    "dcterms.created",
                                                                    "sailthru.date",
                                                                    "parsely-pub-date",
                                                                    "article.published",
                                                                    "cxenseparse:recs:publishtime",
                                                                    "date",
                                                                    "release_date"});

constexpr auto k_modified_metas =
    std::to_array<std::string_view>({"article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                                     "dcterms.modified", "last-modified", "article.updated"});

/// How far before the headline (bytes) the visible-date scan starts: dates often sit just above it.
constexpr std::size_t k_scan_before_headline = 400;

std::optional<DateField> from_metas(const Page& page) {
    for (std::string_view key : k_published_metas)
        for (const std::string& v : page.meta_all(key))
            if (auto dt = parse_loose_date(v)) return DateField{*dt, "meta:" + std::string(key)};
    return std::nullopt;
}

/// The date an element states: datetime / content attributes, else its text.
std::optional<core::DateTime> element_date(html::Node n) {
    for (std::string_view a : {"datetime", "content"})
        if (auto v = n.attr(a))
            if (auto dt = parse_loose_date(*v)) return dt;
    return parse_loose_date(collapse_ws(n.visible_text()));
}

/// True when the class names an element as the creation/publication date ("createdtime",
/// "post-date", "publish-time") and not as an update stamp.
bool date_class(html::Node n) {
    const std::string cls = core::to_lower_ascii(n.attr("class").value_or(""));
    if (cls.empty() || cls.find("modif") != std::string::npos || cls.find("updat") != std::string::npos ||
        cls.find("edit") != std::string::npos)
        return false;
    for (std::string_view w : {"date", "time", "publish", "created"})
        if (cls.find(w) != std::string::npos) return true;
    return false;
}

/// A date-classed element whose whole (short) text is a date, such as a raw "20220428223328".
std::optional<core::DateTime> classed_date(html::Node n, const Options& opts) {
    if (!date_class(n)) return std::nullopt;
    html::TextOptions reveal;
    reveal.reveal_hidden = true;
    const std::string text = collapse_ws(n.visible_text(reveal));
    // The text must be the date itself, not a labelled line ("发布时间 : ..." is read as text).
    if (text.empty() || text.size() > opts.max_date_element_chars ||
        static_cast<unsigned char>(text.front()) >= 0x80)
        return std::nullopt;
    return parse_loose_date(text);
}

/// <time pubdate>, itemprop=datePublished, the first <time datetime>, then the first element
/// classed as a date whose text is one, all outside page furniture.
std::optional<DateField> from_elements(const Page& page) {
    std::optional<DateField> pubdate, itemprop, first_time, classed;
    const html::Node top = page.doc.document();
    for (html::Node n = top; n && !(pubdate && itemprop && first_time && classed);) {
        // Hidden elements count: script-built pages hide the whole article, dates included.
        const bool furniture = n.is_element() && is_boilerplate(n, Strictness::revealed, &page.boilerplate) && n.tag() != "meta";
        if (n.is_element() && !furniture) {
            const auto prop = n.attr("itemprop");
            if (!itemprop && prop && core::iequals(*prop, "datePublished"))
                if (auto dt = element_date(n)) itemprop = DateField{*dt, "itemprop:datePublished"};
            if (!classed)
                if (auto dt = classed_date(n, page.opts)) classed = DateField{*dt, "element:.date"};
            if (n.tag() == "time") {
                if (!pubdate && n.attr("pubdate"))
                    if (auto dt = element_date(n)) pubdate = DateField{*dt, "time:pubdate"};
                if (!first_time && n.attr("datetime"))
                    if (auto dt = parse_loose_date(*n.attr("datetime"))) first_time = DateField{*dt, "time:datetime"};
            }
        }
        n = html::next_in_tree(n, top, furniture);
    }
    if (pubdate) return pubdate;
    if (itemprop) return itemprop;
    if (first_time) return first_time;
    return classed;
}

/// Dates printed in the page text around the headline ("发布时间 : 2025-12-23 14:55:52").
std::optional<DateField> from_text(const Page& page) {
    const std::string& text = page.plain_text();
    std::size_t start = 0;
    if (!page.headline.empty())
        if (const auto at = text.find(page.headline); at != std::string::npos)
            start = at > k_scan_before_headline ? at - k_scan_before_headline : 0;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;  // UTF-8 boundary
    const std::string window = truncate_codepoints(std::string_view(text).substr(start), page.opts.date_scan_chars);
    auto found = find_date_in_text(window);
    if (!found) return std::nullopt;
    return DateField{found->when, found->label.empty() ? "text" : "text:" + found->label};
}

}  // namespace

std::optional<Field<core::DateTime>> find_published(const Page& page) {
    if (auto h = hint_value(page, "date", page.hints.date))
        if (auto dt = parse_loose_date(*h)) return DateField{*dt, "hint"};
    if (auto dt = parse_loose_date(page.ld.date_published)) return DateField{*dt, "json-ld:datePublished"};
    if (auto f = from_metas(page)) {
        // The bare <meta name="date"> is often the CMS's last-change stamp: an earlier date
        // printed by the headline is the publication.
        if (f->method == "meta:date")
            if (auto t = from_text(page); t && t->value.local_seconds() < f->value.local_seconds() &&
                                          f->value.local_seconds() - t->value.local_seconds() <
                                              page.opts.generic_meta_date_slack_s)
                return t;
        return f;
    }
    if (auto f = from_elements(page)) return f;
    if (auto f = from_text(page)) return f;
    if (auto dt = date_from_url(page.url)) return DateField{*dt, "url"};
    return std::nullopt;
}

std::optional<core::DateTime> find_updated(const Page& page) {
    if (auto dt = parse_loose_date(page.ld.date_modified)) return dt;
    for (std::string_view key : k_modified_metas)
        for (const std::string& v : page.meta_all(key))
            if (auto dt = parse_loose_date(v)) return dt;
    return std::nullopt;
}

}  // namespace dossier::extract::detail
