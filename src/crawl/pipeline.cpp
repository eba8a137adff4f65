#include "dossier/crawl/pipeline.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/dedup/body_hash.hpp"
#include "dossier/dedup/url_key.hpp"

namespace dossier::crawl {

void Tally::fail(std::string where, std::string stage, std::string message, std::string source) {
    failures.push_back({std::move(where), std::move(source), std::move(stage), std::move(message)});
}

void Tally::skip(std::string where, std::string message, std::string source) {
    skips.push_back({std::move(where), std::move(source), "input", std::move(message)});
}

namespace {

/// Fills what the page did not say from the index entry that listed it (feed item, listing row).
void fill_from_entry(core::Article& a, const core::Entry& e) {
    if (!a.published && e.published) {
        a.published = e.published;
        a.published_source = "index";
        a.methods["published"] = "index";
    }
    if (a.title.empty() && !e.title.empty()) {
        a.title = e.title;
        a.methods["title"] = "index";
    }
    if (a.author.empty() && !e.author.empty()) {
        a.author = e.author;
        a.methods["author"] = "index";
    }
    for (const auto& tag : e.tags)
        if (std::find(a.tags.begin(), a.tags.end(), tag) == a.tags.end()) a.tags.push_back(tag);
}

}  // namespace

bool is_html(const core::Capture& capture) {
    const std::string type = capture.media_type();
    if (type == "text/html" || type == "application/xhtml+xml") return true;
    if (!type.empty() && type != "text/plain" && type != "application/octet-stream") return false;
    // WHATWG MIME sniffing, reduced to the HTML signatures: skip a BOM and whitespace, then look
    // for a tag that only HTML starts with.
    std::string_view head(capture.body.data(), std::min<std::size_t>(capture.body.size(), 1024));
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    head = core::trim(head);
    for (std::string_view sig : {"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title"})
        if (core::istarts_with(head, sig)) return true;
    return false;
}

std::string source_id_for(std::string_view url) {
    auto u = core::Url::parse(url);
    if (!u || u->host.empty()) return "local";
    std::string_view host = u->host;
    if (host.starts_with("www.")) host.remove_prefix(4);
    return std::string(host);
}

Pipeline::Pipeline(store::ArticleStore& store, PipelineOptions options)
    : m_store(store), m_options(std::move(options)) {}

core::Result<bool> Pipeline::is_known(std::string_view url) {
    auto by_key = m_store.find_by_url(dedup::url_key(url));
    if (!by_key) return core::fail(by_key.error().message);
    if (*by_key) return true;
    auto by_url = m_store.find_by_url(url);
    if (!by_url) return core::fail(by_url.error().message);
    return by_url->has_value();
}

core::Result<void> Pipeline::ensure_batch() {
    if (m_open) return {};
    auto begun = m_store.begin();
    if (!begun) return begun;
    m_open = true;
    m_in_batch = 0;
    return {};
}

Outcome Pipeline::process(const core::Capture& capture, Tally& tally, const CaptureContext* context) {
    const std::string& where = capture.url;
    const std::string& source = context ? context->source_id : m_options.source_id;
    const extract::Hints& hints = context ? context->hints : m_options.hints;
    if (capture.status < 200 || capture.status > 299) {
        tally.skip(where, "HTTP status " + std::to_string(capture.status), source);
        return Outcome::skipped;
    }
    auto extracted = extract::extract(capture.body, capture.url, capture.header("content-type"), hints);
    if (!extracted) {
        tally.fail(where, "extract", extracted.error().message, source);
        return Outcome::failed;
    }
    core::Article article = std::move(*extracted);
    if (core::trim(article.text).empty()) {
        std::string why = "extract: no article body found";
        for (const auto& w : article.warnings)
            if (w.find("body") != std::string::npos) why = w;
        tally.fail(where, "extract", why, source);
        return Outcome::failed;
    }
    if (context && context->entry) fill_from_entry(article, *context->entry);
    article.url = capture.url;
    article.canonical_url = dedup::preferred_key(capture.url, article.canonical_url);
    article.body_hash = dedup::body_hash(article.text);
    article.source_id = source.empty() ? source_id_for(article.canonical_url) : source;
    article.fetched_at = capture.fetched_at;
    article.capture = capture.ref;
    article.extractor_version = extract::k_extractor_version;

    // Exact duplicates (DESIGN.md, "Dedup"): the same canonical URL, or the same normalised body.
    auto same_url = m_store.find_by_url(article.canonical_url);
    auto same_body = article.body_hash.empty() ? core::Result<std::optional<std::int64_t>>(std::nullopt)
                                               : m_store.find_by_body_hash(article.body_hash);
    if (!same_url || !same_body) {
        tally.fail(where, "store", !same_url ? same_url.error().message : same_body.error().message, source);
        return Outcome::failed;
    }
    if (*same_url || *same_body) {
        ++tally.duplicate;
        return Outcome::duplicate;
    }
    if (auto ok = ensure_batch(); !ok) {
        tally.fail(where, "store", ok.error().message, source);
        return Outcome::failed;
    }
    auto id = m_store.put(article);
    if (!id) {
        tally.fail(where, "store", id.error().message, source);
        return Outcome::failed;
    }
    ++tally.stored;
    article.id = *id;
    if (m_options.on_stored) m_options.on_stored(article);
    if (++m_in_batch >= m_options.batch_size) {
        if (auto ok = finish(); !ok) tally.fail(where, "store", ok.error().message, source);
    }
    return Outcome::stored;
}

core::Result<void> Pipeline::finish() {
    if (!m_open) return {};
    m_open = false;
    if (m_options.before_commit) {
        if (auto ok = m_options.before_commit(); !ok) {
            (void)m_store.rollback();
            return ok;
        }
    }
    auto committed = m_store.commit();
    if (!committed) (void)m_store.rollback();  // a failed COMMIT leaves the transaction open
    return committed;
}

}  // namespace dossier::crawl
