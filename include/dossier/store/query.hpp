#pragma once
// The search query language (docs/search.md, "Query syntax"): user text in, an FTS5 MATCH
// expression in which every user term is a quoted phrase, plus field filters out. User input
// never reaches FTS5 syntax unescaped: a term containing - " * : + ( ) is matched as text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::store {

/// A parsed user query.
struct ParsedQuery {
    /// FTS5 MATCH expression over the columns title and body; empty when the query has only
    /// field filters ("source:freebuf").
    std::string match;
    std::vector<std::string> sources;  ///< source:ID filters; an article matches any of them
    std::vector<std::string> langs;    ///< lang:zh filters, lower-case; any of them ("zh" matches "zh-CN")
    std::vector<std::string> tags;     ///< tag:X filters; an article must carry all of them
    /// cve:CVE-YYYY-NNNN filters, validated and upper-cased; an article must mention all of them
    /// (the article_cves table, filled at store time).
    std::vector<std::string> cves;
    std::optional<std::int64_t> since;  ///< since:DATE, unix seconds, inclusive
    std::optional<std::int64_t> until;  ///< until:DATE, unix seconds, exclusive (a date-only value includes that day)
};

/// Parses the query language: bare terms (AND-ed), "exact phrases", OR, -term / NOT term,
/// prefix*, (groups), title:/body: column filters, and the whole-query filters source:,
/// lang:, tag:, cve:, since:, until:. Returns a one-line error starting with "search: " for
/// broken syntax ("search: unbalanced quote", "search: operator AND without a term",
/// "search: empty query", ...), an unknown field ("search: unknown field \"foo:\" ..."), a bad
/// filter value (a date; a CVE id, as normalize_cve_id accepts it), or a query over 1,000
/// bytes or 64 terms; never an SQLite message.
core::Result<ParsedQuery> parse_query(std::string_view user_query);

/// The FTS5 MATCH expression of `user_query` (parse_query(...).match), e.g. `CVE-2025-59934`
/// -> `"CVE-2025-59934"`, `漏洞 OR 泄密 -广告` -> `(("漏洞" OR "泄密") NOT "广告")`.
/// Field filters other than title:/body: are not part of it. Fails like parse_query, and with
/// "search: no search terms" when the query holds only filters.
core::Result<std::string> to_match_expression(std::string_view user_query);

}  // namespace dossier::store
