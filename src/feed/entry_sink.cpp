// Rules shared by every format. An entry without an http(s) link cannot be fetched, deduplicated
// or stored, so it is skipped here and counted instead of being passed on half-made.
#include "entry_sink.hpp"

#include <algorithm>

#include "dossier/core/url.hpp"
#include "feed_date.hpp"
#include "text_clean.hpp"

namespace dossier::feed::detail {

bool is_http_url(std::string_view url) {
    const auto parsed = core::Url::parse(url);
    return parsed && parsed->is_http() && !parsed->host.empty();
}

namespace {

/// At most `max` bytes of `s`, not cutting a UTF-8 sequence.
std::string utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0u) == 0x80u) --max;
    return std::string(s.substr(0, max));
}

}  // namespace

bool EntrySink::admit(std::string_view url) {
    if (m_capped) return false;
    if (!is_http_url(url)) {
        ++m_without_link;
        return false;
    }
    if (m_kept >= m_max_items) {
        m_capped = true;
        return false;
    }
    ++m_kept;
    return true;
}

void EntrySink::add(core::Entry entry) {
    if (admit(entry.url)) m_feed.entries.push_back(std::move(entry));
}

void EntrySink::add_sitemap(std::string url) {
    if (admit(url)) m_feed.child_sitemaps.push_back(std::move(url));
}

void EntrySink::set_dates(core::Entry& entry, const std::vector<std::string>& published,
                          const std::vector<std::string>& updated, bool published_from_updated) {
    const auto read = [this](const std::vector<std::string>& texts) -> std::optional<core::DateTime> {
        const std::string* first_given = nullptr;
        for (const auto& text : texts) {
            if (text.empty()) continue;
            if (auto dt = parse_feed_date(text)) return dt;
            if (first_given == nullptr) first_given = &text;
        }
        if (first_given != nullptr && ++m_bad_dates == 1) m_bad_date_example = utf8_prefix(*first_given, 60);
        return std::nullopt;
    };
    entry.published = read(published);
    entry.updated = read(updated);
    if (!entry.published && published_from_updated) entry.published = entry.updated;
}

void EntrySink::finish() {
    if (m_without_link > 0)
        m_feed.warnings.push_back("feed: " + std::to_string(m_without_link) +
                                  (m_without_link == 1 ? " item" : " items") + " without an http(s) link skipped");
    if (m_capped || m_stopped_at_cap) m_feed.warnings.push_back("feed: item cap " + std::to_string(m_max_items) + " reached");
    if (m_bad_dates > 0)
        m_feed.warnings.push_back("feed: " + std::to_string(m_bad_dates) + " unreadable dates left empty, e.g. \"" +
                                  m_bad_date_example + "\"");
}

std::vector<std::string> clean_tags(const std::vector<std::string>& raw) {
    std::vector<std::string> out;
    for (const auto& r : raw) {
        std::string tag = clean_name(r);
        if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
    }
    return out;
}

}  // namespace dossier::feed::detail
