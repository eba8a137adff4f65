#include "commands.hpp"

namespace dossier::cli {

void add_filter_options(CLI::App& sub, FilterOptions& f, bool with_limit) {
    sub.add_option("--source", f.sources, "only these sources (repeatable)");
    sub.add_option("--since", f.since, "published on or after DATE (YYYY-MM-DD or ISO 8601)");
    sub.add_option("--until", f.until, "published on or before DATE");
    sub.add_option("--lang", f.lang, "language (zh, en, ...)");
    if (with_limit) {
        sub.add_option("--limit", f.limit, "at most N results (default 20)")->check(CLI::NonNegativeNumber);
        sub.add_option("--offset", f.offset, "skip the first N results")->check(CLI::NonNegativeNumber);
    }
}

store::ArticleFilter to_filter(const FilterOptions& f) {
    store::ArticleFilter filter;
    filter.sources = f.sources;
    if (!f.since.empty()) filter.since = parse_date_bound("--since", f.since, false);
    if (!f.until.empty()) filter.until = parse_date_bound("--until", f.until, true);
    if (filter.since && filter.until && *filter.since >= *filter.until)
        throw UsageError("--since " + f.since + " is not before --until " + f.until);
    filter.lang = f.lang;
    filter.limit = f.limit;
    filter.offset = f.offset;
    return filter;
}

}  // namespace dossier::cli
