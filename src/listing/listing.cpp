// Listing pages -> entries. The selectors come from the source definition, so a wrong or
// stale selector is the common failure: it yields warnings (content-quality flags for the
// crawler's report), never an exception and never invented data.
#include "dossier/listing/listing.hpp"

#include <unordered_map>
#include <utility>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/html/document.hpp"
#include "dossier/html/selector.hpp"
#include "field_selector.hpp"
#include "item_reader.hpp"

namespace dossier::listing {
namespace {

constexpr std::string_view k_default_link = "a@href";
// Longest date text quoted in a warning; enough to recognise "3 小时前" or "yesterday".
constexpr std::size_t k_max_quoted = 60;

std::string quoted(std::string_view text) {
    if (text.size() > k_max_quoted) {
        std::size_t cut = k_max_quoted;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
        return "\"" + std::string(text.substr(0, cut)) + "...\"";
    }
    return "\"" + std::string(text) + "\"";
}

// HTML "document base URL": the first <base> with an href, resolved against the document's
// URL; a base that is not http(s) (or does not parse) is ignored, leaving the document's URL.
std::string document_base(const html::Document& doc, std::string_view page_url) {
    auto selector = html::Selector::parse("base[href]");
    if (!selector) return std::string(page_url);
    const html::Node base = html::select_first(doc.document(), *selector);
    if (!base) return std::string(page_url);
    const std::string href(core::trim(base.attr("href").value_or("")));
    const auto page = core::Url::parse(page_url);
    const auto resolved = page ? page->resolve(href) : core::Url::parse(href);
    if (!resolved || !resolved->is_http() || resolved->host.empty()) return std::string(page_url);
    return resolved->to_string();
}

struct Selectors {
    FieldSelector item, link, title, date;
};

core::Result<Selectors> compile_all(const core::IndexSpec& spec) {
    if (core::trim(spec.item).empty()) return core::fail("listing: bad item selector \"\": empty");
    auto item = compile_field("item", spec.item, false);
    if (!item) return core::fail(std::move(item).error().message);
    auto link = compile_field("link", core::trim(spec.link).empty() ? k_default_link : std::string_view(spec.link));
    if (!link) return core::fail(std::move(link).error().message);
    auto title = compile_field("title", spec.title);
    if (!title) return core::fail(std::move(title).error().message);
    auto date = compile_field("date", spec.date);
    if (!date) return core::fail(std::move(date).error().message);
    return Selectors{std::move(item).value(), std::move(link).value(), std::move(title).value(),
                     std::move(date).value()};
}

// Collects entries in document order, one per URL, and counts what went missing.
class EntryCollector {
public:
    explicit EntryCollector(std::size_t max_items) : m_max(max_items) {}

    void add(ItemFields&& fields) {
        ++m_items;
        if (fields.url.empty()) {
            ++m_no_link;
            return;
        }
        m_title_matched = m_title_matched || fields.title_matched;
        m_date_matched = m_date_matched || fields.date_matched;
        if (auto it = m_index.find(fields.url); it != m_index.end()) {
            merge(it->second, std::move(fields));
            return;
        }
        if (m_entries.size() >= m_max) {
            ++m_dropped;
            return;
        }
        m_index.emplace(fields.url, m_entries.size());
        core::Entry entry;
        entry.url = std::move(fields.url);
        entry.title = std::move(fields.title);
        entry.published = fields.published;
        m_entries.push_back(std::move(entry));
        m_date_texts.push_back(std::move(fields.date_text));
    }

    // Warnings for the page at `url`; call once after the last add().
    std::vector<std::string> warnings(const Selectors& sel, std::string_view url) const;

    std::vector<core::Entry> take_entries() { return std::move(m_entries); }

private:
    // A repeated link (a thumbnail and a headline, or a "hot" box) only fills gaps.
    void merge(std::size_t index, ItemFields&& fields) {
        core::Entry& entry = m_entries[index];
        if (entry.title.empty()) entry.title = std::move(fields.title);
        if (!entry.published && fields.published) {
            entry.published = fields.published;
            m_date_texts[index].clear();
        }
    }

    std::size_t m_max;
    std::size_t m_items = 0, m_no_link = 0, m_dropped = 0;
    bool m_title_matched = false, m_date_matched = false;
    std::vector<core::Entry> m_entries;
    std::vector<std::string> m_date_texts;  // per entry: the unparsed date text, if any
    std::unordered_map<std::string, std::size_t> m_index;
};

std::vector<std::string> EntryCollector::warnings(const Selectors& sel, std::string_view url) const {
    std::vector<std::string> out;
    const std::string on = " on " + std::string(url);
    const std::string of_items = " of " + std::to_string(m_items) + " items";
    if (m_no_link > 0)
        out.push_back("listing: " + std::to_string(m_no_link) + of_items + " have no http(s) link (link selector " +
                      quoted(sel.link.text) + ")" + on);
    if (m_dropped > 0)
        out.push_back("listing: kept the first " + std::to_string(m_max) + " entries, dropped " +
                      std::to_string(m_dropped) + " more (item selector " + quoted(sel.item.text) +
                      " is probably too broad)" + on);
    if (sel.title.selector && !m_entries.empty() && !m_title_matched)
        out.push_back("listing: title selector " + quoted(sel.title.text) + " matched nothing" + on +
                      "; titles are the link text");
    if (!sel.date.selector || m_entries.empty()) return out;
    if (!m_date_matched) {
        out.push_back("listing: date selector " + quoted(sel.date.text) + " matched nothing" + on);
        return out;
    }
    std::size_t undated = 0;
    const std::string* example = nullptr;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].published) continue;
        ++undated;
        if (!example && !m_date_texts[i].empty()) example = &m_date_texts[i];
    }
    if (undated > 0)
        out.push_back("listing: date selector " + quoted(sel.date.text) + " gave no date for " +
                      std::to_string(undated) + " of " + std::to_string(m_entries.size()) + " entries" + on +
                      (example ? " (e.g. " + quoted(*example) + ")" : std::string()));
    return out;
}

}  // namespace

core::Result<Listing> parse(std::string_view html_utf8, std::string_view base_url, const core::IndexSpec& spec,
                            const Options& options) {
    auto selectors = compile_all(spec);
    if (!selectors) return core::fail(std::move(selectors).error().message);
    auto doc = html::Document::parse(html_utf8);
    if (!doc) {
        std::string reason = std::move(doc).error().message;
        if (reason.rfind("html: ", 0) == 0) reason.erase(0, 6);
        return core::fail("listing: cannot parse page " + std::string(base_url) + ": " + reason);
    }
    Listing listing;
    const std::vector<html::Node> items = html::select_all(doc->document(), *selectors->item.selector);
    if (items.empty()) {
        listing.warnings.push_back("listing: item selector " + quoted(selectors->item.text) + " matched nothing on " +
                                   std::string(base_url));
        return listing;
    }
    const ItemReader reader(selectors->link, selectors->title, selectors->date, options.time_element_fallback,
                            document_base(*doc, base_url));
    EntryCollector collector(options.max_items);
    for (const html::Node item : items) collector.add(reader.read(item));
    listing.warnings = collector.warnings(*selectors, base_url);
    listing.entries = collector.take_entries();
    return listing;
}

}  // namespace dossier::listing
