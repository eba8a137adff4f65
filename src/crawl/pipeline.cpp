#include "dossier/crawl/pipeline.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/dedup/body_hash.hpp"
#include "dossier/dedup/url_key.hpp"
#include "dossier/crawl/story_linker.hpp"

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

bool looks_binary(const core::Capture& capture) {
    // WHATWG MIME Sniffing, "binary data byte": control bytes no text format uses. A UTF-16
    // page (byte order mark) has NUL bytes and is text.
    const std::string_view head(capture.body.data(), std::min<std::size_t>(capture.body.size(), 1024));
    if (head.starts_with("\xFE\xFF") || head.starts_with("\xFF\xFE")) return false;
    for (const char c : head) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) return true;
    }
    return false;
}

bool is_html(const core::Capture& capture) {
    if (looks_binary(capture)) return false;  // whatever its Content-Type claims
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

core::Result<std::optional<std::int64_t>> Pipeline::stored_id(std::string_view url) {
    auto by_key = m_store.find_by_url(dedup::url_key(url));
    if (!by_key || *by_key) return by_key;
    return m_store.find_by_url(url);
}

core::Result<bool> Pipeline::is_known(std::string_view url) {
    auto id = stored_id(url);
    if (!id) return core::fail(id.error().message);
    return id->has_value();
}

core::Result<bool> Pipeline::needs_fetch(const core::Entry& entry) {
    auto found = stored_id(entry.url);
    if (!found) return core::fail(found.error().message);
    const std::optional<std::int64_t> id = *found;
    if (!id) return true;
    // A stored article is fetched again only when its index says it changed since: a revision.
    // An `updated` within 10 minutes of `published` is the publication itself (many feeds
    // write both), not a later edit.
    if (!entry.updated) return false;
    if (entry.published && entry.updated->seconds - entry.published->seconds < 600) return false;
    auto stored = m_store.get(*id);
    if (!stored) return core::fail(stored.error().message);
    return *stored && entry.updated->seconds > (*stored)->fetched_at;
}

core::Result<bool> Pipeline::is_revision(const core::Capture& capture, const CaptureContext* context) {
    const extract::Hints& hints = context ? context->hints : m_options.hints;
    if (capture.status < 200 || capture.status > 299) return false;
    auto extracted = extract::extract(capture.body, capture.url, capture.header("content-type"), hints);
    if (!extracted || core::trim(extracted->text).empty()) return false;
    auto id = m_store.find_by_url(dedup::preferred_key(capture.url, extracted->canonical_url));
    if (!id) return core::fail(id.error().message);
    if (!*id) return false;
    auto stored = m_store.get(**id);
    if (!stored) return core::fail(stored.error().message);
    return *stored && (*stored)->body_hash != dedup::body_hash(extracted->text);
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
    if (capture.ref.warc_file.empty()) {  // an article must always point at its archived bytes
        tally.fail(where, "archive", "no archived record for this response; not stored", source);
        return Outcome::failed;
    }
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

    // The same URL again (DESIGN.md, "Dedup"): unchanged, a duplicate; changed, a revision.
    auto same_url = m_store.find_by_url(article.canonical_url);
    if (!same_url) {
        tally.fail(where, "store", same_url.error().message, source);
        return Outcome::failed;
    }
    if (*same_url) return revise(**same_url, article, tally, source);
    // Otherwise a new row, in the story group of its copies (docs/dedup.md): never dropped.
    auto placed = place_story(m_store, article);
    if (!placed) {
        tally.fail(where, "store", placed.error().message, source);
        return Outcome::failed;
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
    if (article.group_id != 0) ++tally.copies;
    article.id = *id;
    if (article.group_id == 0) article.group_id = *id;
    if (auto ok = record_story(m_store, article, *placed); !ok) tally.fail(where, "store", ok.error().message, source);
    if (m_options.on_stored) m_options.on_stored(article);
    end_of_article(where, tally, source);
    return Outcome::stored;
}

Outcome Pipeline::revise(std::int64_t id, const core::Article& article, Tally& tally, const std::string& source) {
    const std::string& where = article.url;
    auto stored = m_store.get(id);
    if (!stored || !*stored) {
        tally.fail(where, "store", stored ? "store: article " + std::to_string(id) + " vanished" : stored.error().message,
                   source);
        return Outcome::failed;
    }
    if ((*stored)->body_hash == article.body_hash) {
        ++tally.duplicate;
        return Outcome::duplicate;
    }
    if (auto ok = ensure_batch(); !ok) {
        tally.fail(where, "store", ok.error().message, source);
        return Outcome::failed;
    }
    auto revised = m_store.revise(id, article);
    if (!revised) {
        tally.fail(where, "store", revised.error().message, source);
        return Outcome::failed;
    }
    ++tally.revised;
    if (auto ok = refingerprint_story(m_store, id, article.text); !ok)
        tally.fail(where, "store", ok.error().message, source);
    end_of_article(where, tally, source);
    return Outcome::revised;
}

void Pipeline::end_of_article(const std::string& where, Tally& tally, const std::string& source) {
    if (++m_in_batch >= m_options.batch_size) {
        if (auto ok = finish(); !ok) tally.fail(where, "store", ok.error().message, source);
    }
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
