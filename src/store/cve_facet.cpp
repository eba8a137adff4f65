// The CVE facet: article_cves is filled by put() (and migration 5 for older rows).
#include <string>
#include <vector>

#include "dossier/store/article_store.hpp"
#include "sort_key.hpp"
#include "store_state.hpp"

namespace dossier::store {

core::Result<std::vector<CveCount>> ArticleStore::cve_counts(std::optional<std::int64_t> since, std::int64_t limit) {
    // min() makes SQLite take the bare columns a.id and a.source_id from the row with the
    // smallest key: the earliest article (https://sqlite.org/lang_select.html#bareagg).
    auto st = detail::Statement::prepare(
        m_state->handle(),
        "SELECT c.cve, count(*) AS n, min(c.sort_key) AS first_key, a.id, a.source_id "
        "FROM article_cves AS c JOIN articles AS a ON a.id = c.article_id WHERE c.sort_key >= ?1 "
        "GROUP BY c.cve ORDER BY n DESC, first_key ASC, c.cve LIMIT ?2",
        "list cves");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, since ? detail::sort_key_floor(*since) : std::int64_t{0});
    st->bind(2, limit < 0 ? std::int64_t{-1} : limit);
    std::vector<CveCount> out;
    for (;;) {
        auto row = st->step("list cves");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back({st->text(0), st->int64(1), detail::sort_key_time(st->int64(2)), st->int64(3), st->text(4)});
    }
}

core::Result<std::vector<std::string>> ArticleStore::article_cves(std::int64_t id) {
    auto st = detail::Statement::prepare(m_state->handle(),
                                         "SELECT cve FROM article_cves WHERE article_id = ?1 ORDER BY cve",
                                         "read article cves");
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, id);
    std::vector<std::string> out;
    for (;;) {
        auto row = st->step("read article cves");
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return out;
        out.push_back(st->text(0));
    }
}

}  // namespace dossier::store
