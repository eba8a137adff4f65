// dossier search QUERY
#include <cstdio>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "dossier/store/cve_ids.hpp"
#include "dossier/store/query.hpp"
#include "dossier/text/unicode.hpp"
#include "output.hpp"

namespace dossier::cli {

namespace {

struct SearchArgs {
    std::string query;
    FilterOptions filter;
    std::vector<std::string> cves;
    std::string sort = "rank";
    bool json = false;
    bool jsonl = false;
    bool count = false;
    bool exhaustive = false;
    bool all_copies = false;
};

// The store marks hits with the markers we pass; these two control characters never occur in
// stored text (the extractor removes C0 controls), so they can be found again unambiguously.
constexpr char k_mark_open = '\x01';
constexpr char k_mark_close = '\x02';

/// A snippet without its markers, and where the hits were: [start, end) in code points.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

Snippet unmark(std::string_view marked) {
    Snippet s;
    std::size_t chars = 0, start = 0;
    bool open = false;
    for (std::size_t i = 0; i < marked.size();) {
        const char c = marked[i];
        if (c == k_mark_open || c == k_mark_close) {
            if (c == k_mark_open && !open) start = chars;
            if (c == k_mark_close && open && chars > start) s.highlights.emplace_back(start, chars);
            open = c == k_mark_open;
            ++i;
            continue;
        }
        const std::size_t from = i;
        text::next_codepoint(marked, i);  // one code point, however many bytes
        s.text.append(marked.substr(from, i - from));
        ++chars;
    }
    if (open && chars > start) s.highlights.emplace_back(start, chars);
    return s;
}

/// The snippet with each hit between `open` and `close`.
std::string remark(std::string_view marked, std::string_view open, std::string_view close) {
    std::string out;
    out.reserve(marked.size() + 16);
    for (const char c : marked) {
        if (c == k_mark_open) out += open;
        else if (c == k_mark_close) out += close;
        else out.push_back(c);
    }
    return out;
}

std::string published_or_dash(const core::Article& a) {
    return a.published ? a.published->to_iso().substr(0, 10) : std::string("----------");
}

void print_hit(const store::SearchHit& hit, std::string_view open, std::string_view close) {
    const auto& a = hit.article;
    std::printf("%-6lld %s  %-14s %s\n       %s\n", static_cast<long long>(a.id), published_or_dash(a).c_str(),
                a.source_id.c_str(), a.title.c_str(), a.url.c_str());
    if (!hit.snippet.empty()) std::printf("       %s\n", remark(hit.snippet, open, close).c_str());
    if (hit.copies > 0) {
        std::string sources;
        for (const auto& c : hit.copy_sources)
            sources += (sources.empty() ? "" : ", ") + c.key + (c.count > 1 ? " x" + std::to_string(c.count) : "");
        std::printf("       +%lld %s: %s\n", static_cast<long long>(hit.copies), hit.copies == 1 ? "copy" : "copies",
                    sources.c_str());
    }
    std::printf("\n");
}

/// `ranked`: the hits were sorted by rank; by time, no rank was computed and "rank" is null.
nlohmann::json hit_json(const store::SearchHit& hit, bool ranked) {
    auto j = article_json(hit.article);
    const Snippet s = unmark(hit.snippet);
    j["snippet"] = s.text;
    auto spans = nlohmann::json::array();
    for (const auto& [from, to] : s.highlights) spans.push_back({from, to});
    j["highlights"] = std::move(spans);
    j["rank"] = ranked ? nlohmann::json(hit.rank) : nlohmann::json(nullptr);
    j["copies"] = hit.copies;
    auto sources = nlohmann::json::array();
    for (const auto& c : hit.copy_sources) sources.push_back({{"source", c.key}, {"count", c.count}});
    j["copy_sources"] = std::move(sources);
    return j;
}

store::SortOrder sort_order(const std::string& name) {
    if (name == "newest") return store::SortOrder::newest;
    if (name == "oldest") return store::SortOrder::oldest;
    return store::SortOrder::rank;
}

/// The query to run: the user's, checked on its own (so an error names what the user
/// wrote), plus a cve: filter for each --cve. Returns the "search: ..." error instead when
/// either is malformed.
core::Result<std::string> full_query(const SearchArgs& args) {
    if (auto parsed = store::parse_query(args.query); !parsed) return core::fail(parsed.error().message);
    std::string query = args.query;
    for (const auto& value : args.cves) {
        const auto id = store::normalize_cve_id(value);
        if (!id) return core::fail("search: --cve: not a CVE id: \"" + value + "\" (expected CVE-YYYY-NNNN)");
        query += " cve:" + *id;
    }
    return query;
}

/// A failed search: a query the store refused ("search: ...", already naming the command)
/// is a usage error, exit 2; anything else (I/O, a damaged archive) is fatal.
int report(const std::string& message) {
    if (message.rfind("search: ", 0) != 0) throw FatalError(message);
    std::fprintf(stderr, "%s\n", message.c_str());
    return k_exit_usage;
}

constexpr const char* k_footer = R"(
Query language:
  漏洞 利用            both terms (AND); OR binds tighter: a b OR c = a AND (b OR c)
  "remote code"        an exact phrase
  泄密 OR 泄露         either term (OR in upper case; "OR" in quotes is the word)
  勒索 -广告           exclude a term (also: 勒索 NOT 广告); (a OR b) -c groups
  vuln*                prefix
  title:勒索           a term in the title only (also body:)
  source:ID lang:zh tag:apt cve:CVE-2025-59934 since:2025-01-01 until:2025-01-31
                       filters on the whole query (as --source, --lang, --cve, --since, --until)
A term matches where it is written, ignoring case and width: 漏洞 finds 漏洞利用; Latin words
match whole words (net does not find network: use net*); CVE-2025-59934 does not match
CVE-2025-5993; C++, C#, .NET, Log4j2, 192.168.1.1 and hashes match as written; 中文English only
where the scripts touch. Punctuation inside a term is text, never syntax. NAME:value with an unknown NAME of two or more letters is an error (quote it to
search for it); a one-letter NAME (c:\temp), a value starting with / or : (https://...,
std::string) or nothing after the colon (Note:) is text. A query has at most 1,000 bytes and
64 terms. A malformed query is a one-line "search: ..." error, exit 2.

Output: id, date, source, title, URL and a snippet with the hits marked ([ ] or, on a
terminal, bold). One hit per story: copies of a story on other sites (reposts, excerpts,
translations; docs/dedup.md) are folded into its best-placed member, shown as "+N copies" with
their sources; --all-copies lists every copy as a hit of its own. --json / --jsonl add
"snippet" (plain text), "highlights" ([start, end) offsets into snippet, in code points),
"rank" (bm25, lower is better; null with --sort newest|oldest), "copies" and "copy_sources"
to each article. --count prints only the number of matching articles, every
copy counted.

Examples:
  dossier search 漏洞
  dossier search '勒索 OR ransomware' --since 2025-01-01 --lang zh
  dossier search '"remote code execution" -android' --source thehackernews --limit 5
  dossier search CVE-2025-59934 --json
  dossier search 'Log4j2 cve:CVE-2021-44228' --sort oldest
  dossier search 'title:漏洞 since:2025-11-01' --count
)";

}  // namespace

Command add_search(CLI::App& app, const GlobalOptions& g) {
    auto args = std::make_shared<SearchArgs>();
    CLI::App* sub = app.add_subcommand("search", "full-text search, ranked, with highlighted snippets");
    sub->add_option("query", args->query, "terms (AND-ed), \"exact phrases\", OR, -term, prefix*, field:value")
        ->required();
    add_filter_options(*sub, args->filter, true);
    sub->add_option("--cve", args->cves, "only articles that mention this CVE id (repeatable: all of them)");
    sub->add_option("--sort", args->sort, "rank (default: best first, title over body), newest or oldest")
        ->check(CLI::IsMember({"rank", "newest", "oldest"}));
    sub->add_flag("--exhaustive", args->exhaustive,
                  "with --sort rank: rank every match, not only the newest " + std::to_string(store::k_rank_window));
    auto* json = sub->add_flag("--json", args->json, "one JSON document (an array of hits)");
    sub->add_flag("--jsonl", args->jsonl, "one JSON object per line")->excludes(json);
    sub->add_flag("--count", args->count, "print only the number of matching articles (valid JSON too)");
    sub->add_flag("--all-copies", args->all_copies,
                  "list every copy of a story as its own hit (default: one hit per story, \"+N copies\")");
    sub->footer(k_footer);
    return {sub, [args, &g] {
                auto query = full_query(*args);
                if (!query) return report(query.error().message);
                auto filter = to_filter(args->filter);
                filter.exhaustive = args->exhaustive;
                filter.one_per_story = !args->all_copies;
                auto store = open_for_reading(g);
                if (args->count) {
                    auto n = store.count(*query, filter);
                    if (!n) return report(n.error().message);
                    std::printf("%lld\n", static_cast<long long>(*n));
                    return k_exit_ok;
                }
                if (filter.limit < 0) filter.limit = 20;
                const store::SortOrder order = sort_order(args->sort);
                auto hits = store.search(*query, filter, order, std::string_view(&k_mark_open, 1),
                                         std::string_view(&k_mark_close, 1));
                if (!hits) return report(hits.error().message);
                if (args->json || args->jsonl) {
                    JsonStream out(stdout, args->jsonl);
                    for (const auto& hit : *hits) out.item(hit_json(hit, order == store::SortOrder::rank));
                    out.close();
                    return k_exit_ok;
                }
                const bool tty = stdout_is_tty();
                for (const auto& hit : *hits) print_hit(hit, tty ? "\x1b[1;33m" : "[", tty ? "\x1b[0m" : "]");
                if (hits->empty() && !g.quiet) std::fprintf(stderr, "search: no matches\n");
                return k_exit_ok;
            }};
}

}  // namespace dossier::cli
