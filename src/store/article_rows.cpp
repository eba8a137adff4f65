// Article <-> row. Dates keep their original offset and precision (core::DateTime), so a
// date-only "2025-12-23" is never shifted into an instant it did not state.
#include "article_rows.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "dossier/store/cve_ids.hpp"
#include "json_text.hpp"

namespace dossier::store::detail {

const char* const k_article_columns =
    "a.id, a.url, a.canonical_url, a.title, a.published_at, a.published_offset, a.published_precision, "
    "a.published_source, a.updated_at, a.updated_offset, a.updated_precision, a.author, a.lang, a.body, "
    "a.lead_image, a.source_id, a.first_seen, a.fetched_at, a.capture_file, a.capture_offset, "
    "a.capture_length, a.body_hash, a.extractor_version, a.methods, a.warnings, a.group_id, a.relation, "
    "a.origin_name, a.origin_url, a.origin_id";

const char* const k_insert_article_sql =
    "INSERT INTO articles (url, canonical_url, title, published_at, published_offset, published_precision, "
    "published_source, updated_at, updated_offset, updated_precision, author, lang, body, lead_image, "
    "source_id, first_seen, fetched_at, capture_file, capture_offset, capture_length, body_hash, "
    "extractor_version, methods, warnings, relation, origin_name, origin_url, origin_id, id, sort_key, group_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

const char* precision_name(core::DateTime::Precision p) {
    switch (p) {
        case core::DateTime::Precision::date: return "date";
        case core::DateTime::Precision::minute: return "minute";
        case core::DateTime::Precision::second: return "second";
    }
    return "second";
}

namespace {
core::DateTime::Precision precision_from(const std::string& name) {
    if (name == "date") return core::DateTime::Precision::date;
    if (name == "minute") return core::DateTime::Precision::minute;
    return core::DateTime::Precision::second;
}
}  // namespace

void bind_date(Statement& st, int first, const std::optional<core::DateTime>& d) {
    if (!d) {
        st.bind_null(first);
        st.bind_null(first + 1);
        st.bind_null(first + 2);
        return;
    }
    st.bind(first, d->seconds);
    if (d->offset_minutes) st.bind(first + 1, static_cast<std::int64_t>(*d->offset_minutes));
    else st.bind_null(first + 1);
    st.bind(first + 2, precision_name(d->precision));
}

std::optional<core::DateTime> read_date(const Statement& st, int first) {
    if (st.is_null(first)) return std::nullopt;
    core::DateTime d;
    d.seconds = st.int64(first);
    if (!st.is_null(first + 1)) d.offset_minutes = static_cast<int>(st.int64(first + 1));
    d.precision = precision_from(st.text(first + 2));
    return d;
}

namespace {

core::Result<void> read_tags(StoreState& state, core::Article& a) {
    auto st = state.cached(state.select_tags, "SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY ord",
                           "read tags");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard guard(**st);
    (*st)->bind(1, a.id);
    for (;;) {
        auto row = (*st)->step("read tags");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return {};
        a.tags.push_back((*st)->text(0));
    }
}

}  // namespace

core::Result<void> bind_article(Statement& st, const core::Article& a, std::int64_t first_seen) {
    constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (a.capture.offset > k_max || a.capture.length > k_max)
        return core::fail("store: capture offset out of range: " + a.url);
    st.bind(1, a.url);
    st.bind(2, a.canonical_url);
    st.bind(3, a.title);
    bind_date(st, 4, a.published);
    st.bind(7, a.published_source);
    bind_date(st, 8, a.updated);
    st.bind(11, a.author);
    st.bind(12, a.lang);
    st.bind(13, a.text);
    st.bind(14, a.lead_image);
    st.bind(15, a.source_id);
    st.bind(16, first_seen);
    st.bind(17, a.fetched_at);
    st.bind(18, a.capture.warc_file);
    st.bind(19, static_cast<std::int64_t>(a.capture.offset));
    st.bind(20, static_cast<std::int64_t>(a.capture.length));
    st.bind(21, a.body_hash);
    st.bind(22, a.extractor_version);
    st.bind(23, to_json_object(a.methods));
    st.bind(24, to_json_array(a.warnings));
    st.bind(25, a.relation);
    st.bind(26, a.origin_name);
    st.bind(27, a.origin_url);
    st.bind(28, a.origin_id);
    return {};
}

core::Result<core::Article> read_article(StoreState& state, const Statement& st) {
    core::Article a;
    a.id = st.int64(0);
    a.url = st.text(1);
    a.canonical_url = st.text(2);
    a.title = st.text(3);
    a.published = read_date(st, 4);
    a.published_source = st.text(7);
    a.updated = read_date(st, 8);
    a.author = st.text(11);
    a.lang = st.text(12);
    a.text = st.text(13);
    a.lead_image = st.text(14);
    a.source_id = st.text(15);
    a.first_seen = st.int64(16);
    a.fetched_at = st.int64(17);
    a.capture.warc_file = st.text(18);
    a.capture.offset = static_cast<std::uint64_t>(st.int64(19));
    a.capture.length = static_cast<std::uint64_t>(st.int64(20));
    a.body_hash = st.text(21);
    a.extractor_version = st.text(22);
    auto methods = parse_json_object(st.text(23));
    auto warnings = parse_json_array(st.text(24));
    if (!methods || !warnings) return core::fail("store: article " + std::to_string(a.id) + ": corrupt methods or warnings column");
    a.methods = std::move(*methods);
    a.warnings = std::move(*warnings);
    a.group_id = st.int64(25);
    a.relation = st.text(26);
    a.origin_name = st.text(27);
    a.origin_url = st.text(28);
    a.origin_id = st.int64(29);
    if (auto r = read_tags(state, a); !r) return core::fail(r.error().message);
    return a;
}

core::Result<void> insert_cves(StoreState& s, std::int64_t id, std::int64_t key, const core::Article& a) {
    std::vector<std::string> ids = find_cve_ids(a.title);
    for (std::string& cve : find_cve_ids(a.text))
        if (std::find(ids.begin(), ids.end(), cve) == ids.end()) ids.push_back(std::move(cve));
    if (ids.empty()) return {};
    auto st = s.cached(s.insert_cve, "INSERT INTO article_cves (cve, sort_key, article_id) VALUES (?1, ?2, ?3)", "insert cve");
    if (!st) return core::fail(std::move(st).error().message);
    for (const std::string& cve : ids) {
        ResetGuard guard(**st);
        (*st)->bind(1, cve);
        (*st)->bind(2, key);
        (*st)->bind(3, id);
        if (auto r = (*st)->run("insert cve " + a.url); !r) return r;
    }
    return {};
}

core::Result<std::optional<core::Article>> load_article(StoreState& state, std::int64_t id) {
    static const std::string sql = std::string("SELECT ") + k_article_columns + " FROM articles AS a WHERE a.id = ?1";
    auto st = state.cached(state.select_article, sql.c_str(), "read article");
    if (!st) return core::fail(std::move(st).error().message);
    ResetGuard guard(**st);
    (*st)->bind(1, id);
    auto row = (*st)->step("read article");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row) return std::optional<core::Article>{};
    auto article = read_article(state, **st);
    if (!article) return core::fail(std::move(article).error().message);
    return std::optional<core::Article>(std::move(*article));
}

}  // namespace dossier::store::detail
