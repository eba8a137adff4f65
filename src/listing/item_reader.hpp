#pragma once
// Reads one listing item (an element matched by the item selector) into its fields.
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/date_time.hpp"
#include "dossier/html/selector.hpp"
#include "field_selector.hpp"

namespace dossier::listing {

/// What one item yielded. `url` is empty when the item has no usable http(s) link.
struct ItemFields {
    std::string url;
    std::string title;
    std::optional<core::DateTime> published;
    bool title_matched = false;  ///< the title selector found an element (false without one)
    bool date_matched = false;   ///< the date selector found an element (false without one)
    std::string date_text;       ///< what the date selector read, when it gave no date
};

/// The item's selectors plus the URL that relative links resolve against.
class ItemReader {
public:
    /// `base` is the page's effective base URL (after <base href>). Link, title and date are
    /// the source's selectors; a link without a selector must be replaced by "a@href" first.
    ItemReader(FieldSelector link, FieldSelector title, FieldSelector date, bool time_element_fallback,
               std::string base);

    /// The item's fields; never fails (a missing piece is an empty field).
    ItemFields read(html::Node item) const;

private:
    std::string resolve_link(std::string_view href) const;
    std::string link_url(html::Node link) const;
    std::string fallback_title(html::Node item, html::Node link, const std::string& url) const;
    void read_date(html::Node item, ItemFields& fields) const;

    FieldSelector m_link, m_title, m_date;
    std::optional<html::Selector> m_time;     ///< "time", when the <time> fallback is on
    std::optional<html::Selector> m_anchors;  ///< "a[href]", for the title fallback
    std::string m_base;
};

/// Text for a title or date: runs of whitespace become one space, ends trimmed.
std::string collapse_whitespace(std::string_view text);

}  // namespace dossier::listing
