// End-to-end: a crawl that runs out of room (RLIMIT_FSIZE, the per-file form of a full disk;
// docs/crash-safety.md, "A full disk") in a WARC write or a database write stops with one
// clear line naming the file, leaves the archive consistent, and loses nothing committed; a
// rerun with room stores every article once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "archive_checks.hpp"
#include "dossier_cli.hpp"
#include "news_site.hpp"

namespace fs = std::filesystem;
using dossier::test::check_warcs_clean;
using dossier::test::k_bin;
using dossier::test::NewsSite;
using dossier::test::PageShape;
using dossier::test::sql;
using dossier::test::stored_urls;
using dossier::test::TempDir;
using dossier::test::warc_files;

namespace {

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

/// A site with `shape`, articles 1..6 crawled and stored; articles 7..`total` published after.
struct FullDiskSetup {
    NewsSite site;
    TempDir dir;
    std::vector<std::string> args;
    std::multiset<std::string> before;
    int total;

    FullDiskSetup(int total_articles, std::function<PageShape(int)> shape)
        : site(total_articles, 0, std::move(shape)), total(total_articles) {
        site.write_feeds(dir / "feeds");
        args = dossier::test::news_crawl_args(dir.path());
        site.publish(6);
        auto first = dossier::test::run_process(k_bin, args);
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        before = stored_urls(dir);
        REQUIRE(before.size() == 6);
        site.publish(total);
    }

    std::uint64_t db_bytes() const { return fs::file_size(dir / "archive/dossier.db"); }

    /// After the failed run: consistent, nothing lost; then (when `rerun`) a run without the
    /// limit finishes the work.
    void check_recovery(bool rerun = true) {
        REQUIRE(sql(dir, "PRAGMA integrity_check;") == "ok\n");
        const auto after_failure = stored_urls(dir);
        for (const auto& url : before) CHECK(after_failure.count(url) == 1);
        for (const auto& url : after_failure) CHECK(after_failure.count(url) == 1);
        check_warcs_clean(dir);  // a failed record write was cut back to where it began
        CHECK_FALSE(fs::exists(dir / "archive/.warc-open"));
        if (!rerun) return;
        auto again = dossier::test::run_process(k_bin, args);
        INFO(again.err);
        CHECK(again.exit_code == 0);
        REQUIRE(sql(dir, "PRAGMA integrity_check;") == "ok\n");
        const auto stored = stored_urls(dir);
        CHECK(stored.size() == static_cast<std::size_t>(total));
        for (int n = 1; n <= total; ++n) CHECK(stored.count(site.url(n)) == 1);
        check_warcs_clean(dir);
    }
};

}  // namespace

TEST_CASE("a crawl that reaches the file-size limit in a WARC write stops with one clear error and loses nothing",
          "[e2e][crash]") {
    // Article 9's page is 2 MB of script: its record (about 1.5 MB compressed) cannot fit under
    // a 1 MiB limit, while the database and every other record do.
    FullDiskSetup s(12, [](int n) {
        PageShape p;
        if (n == 9) p.script_bytes = 2u << 20;
        return p;
    });
    constexpr std::uint64_t k_limit = 1u << 20;
    REQUIRE(s.db_bytes() < k_limit / 2);
    dossier::test::ProcessOptions limited;
    limited.file_size_limit = k_limit;
    auto full = dossier::test::run_process_with(k_bin, s.args, limited);
    INFO(full.err);
    CHECK(full.exit_code == 1);
    CHECK(line_count(full.err) == 1);
    CHECK(full.err.find("archive: cannot write to " + (s.dir / "archive/warc").string()) != std::string::npos);
    CHECK(full.err.find(".warc.gz: File too large") != std::string::npos);
    // What was done before the failure is committed: the three articles fetched before 9.
    const auto stored = stored_urls(s.dir);
    for (int n : {10, 11, 12}) CHECK(stored.count(s.site.url(n)) == 1);
    CHECK(stored.count(s.site.url(9)) == 0);
    s.check_recovery();
}

namespace {

/// Crawls `total` articles (those after the first 6 repeating their sentence `repeats` times:
/// little in the WARC file, much more in the database, so the database reaches the limit
/// first) under a file-size limit of the database's size + `headroom`.
void database_fills(int total, int repeats, std::uint64_t headroom, bool rerun) {
    FullDiskSetup s(total, [repeats](int n) {
        PageShape p;
        if (n > 6) p.repeats = repeats;
        return p;
    });
    const std::uint64_t limit = s.db_bytes() + headroom;
    dossier::test::ProcessOptions limited;
    limited.file_size_limit = limit;
    auto full = dossier::test::run_process_with(k_bin, s.args, limited);
    INFO(full.err);
    CHECK(full.exit_code == 1);
    CHECK(line_count(full.err) == 1);
    CHECK(full.err.starts_with("dossier: store: "));
    CHECK(full.err.ends_with(": " + (s.dir / "archive/dossier.db").string() + "\n"));
    for (const auto& f : warc_files(s.dir)) CHECK(fs::file_size(f) < limit);  // the WARC files did fit
    // The failed transaction was rolled back whole, and the crawl stopped there: the articles
    // after the failed batch were not stored in a later, smaller commit either.
    CHECK(stored_urls(s.dir) == s.before);
    s.check_recovery(rerun);
}

}  // namespace

TEST_CASE("a crawl that reaches the file-size limit in a database write stops with one clear error and loses nothing",
          "[e2e][crash]") {
    SECTION("in the commit at the end of the run") {
        // 6 new articles of ~110 KB text: ~1 MB to commit, ~5 KB of WARC records.
        database_fills(12, 400, 256u << 10, true);
    }
    SECTION("in a commit during the run (a batch of 200 articles)") {
        // The first 200 new ones are committed as one batch: over 1 MB, ~360 KB of WARC
        // records. The rerun after a database failure is the section above: spare the time.
        database_fills(212, 10, 640u << 10, false);
    }
}
