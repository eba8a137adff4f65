// End-to-end: one `dossier crawl` through the network faults of issue 7 ("Faults on the
// network"): each fault is a report row naming its URL and reason, the good articles are all
// stored, the other sources complete, the exit code is 3, and time and memory stay bounded.
// The crawl runs once (~8 s: the main host's retries and Retry-After, beside the 2 s timeouts
// of the slow hosts); the test cases below each check one side of it, and one replays the
// WARC files it wrote. docs/faults.md lists every fault with what dossier does about it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "dossier/text/unicode.hpp"
#include "dossier_cli.hpp"
#include "fault_site.hpp"
#include "fault_site_measure.hpp"

using dossier::test::FaultSite;
using dossier::test::ProcessResult;
using dossier::test::TempDir;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Peak memory of the crawl process (wait4's ru_maxrss; at least the test process's own memory,
// which the forked child held until exec: ~19 MiB, ~80 MiB under ASan). Measured on the fault
// site: 53 MiB (g++ Debug), 144 MiB (clang ASan + UBSan with a 16 MiB quarantine, see
// run_measured; ASan's own shadow and runtime take ~85 MiB of that). The uncapped alternatives
// are 1 GiB (either bomb) or without end (the endless feed, the 50 MB body as 50 MB), so a
// bound of about 3.5x the measurement separates them with room for allocator differences.
#if defined(__SANITIZE_ADDRESS__)
constexpr long k_max_rss_mib = 480;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long k_max_rss_mib = 480;
#else
constexpr long k_max_rss_mib = 192;
#endif
#else
constexpr long k_max_rss_mib = 192;
#endif

// The servers stall for 60 s (no answer, no EOF) and the slowloris would need 100,000 s: a crawl
// that waited for any of them would take over a minute. With --timeout 2 --attempts 2 each
// fault costs at most 2 x 2 s plus a backoff of at most 1 s, and faults on different hosts run
// side by side: ~7 s measured. The ceiling only tells a bounded crawl from one that waited.
constexpr auto k_max_crawl_time = 40s;

/// Everything the one crawl of the fault site showed, kept for the test cases.
struct FaultCrawl {
    std::unique_ptr<TempDir> dir;
    ProcessResult run;
    json report;
    std::map<std::string, json> stored;  ///< url -> article, from `export --json`
    json stats;
    std::vector<dossier::test::Fault> faults;
    std::map<std::string, std::vector<std::string>> good;  ///< source -> URLs that must be stored
    std::string bad_utf8_url, binary_url, bad_utf8_stored;
    std::size_t huge_sent = 0, endless_sent = 0;
    std::map<std::string, int> hits;  ///< path -> requests the servers saw
    int chain_hits = 0;
    std::vector<dossier::test::Clock::time_point> limited_at;
    ProcessResult replay;  ///< `crawl --replay` of the WARC files the crawl wrote
    json replay_report;
};

std::vector<std::string> crawl_args(const TempDir& dir, const std::string& archive) {
    return {"--archive", (dir / archive).string(), "crawl", "--feeds", (dir / "feeds").string(), "--delay", "0",
            "--timeout", std::to_string(dossier::test::k_fault_timeout_s), "--attempts",
            std::to_string(dossier::test::k_fault_attempts), "--json"};
}

/// The text of the article stored for `url`, straight from the database (hex, so that invalid
/// UTF-8 would show as it is instead of being repaired by a JSON writer on the way out).
std::string stored_text(const TempDir& dir, const std::string& url) {
    auto r = dossier::test::run_process("/usr/bin/sqlite3", {(dir / "archive/dossier.db").string(),
                                                             "SELECT hex(title || body) FROM articles WHERE url = '" + url + "';"});
    std::string bytes;
    for (std::size_t i = 0; i + 1 < r.out.size() && r.out[i] != '\n'; i += 2)
        bytes.push_back(static_cast<char>(std::stoi(r.out.substr(i, 2), nullptr, 16)));
    return bytes;
}

const FaultCrawl& fault_crawl() {
    static const FaultCrawl crawl = [] {
        FaultCrawl c;
        c.dir = std::make_unique<TempDir>();
        const TempDir& dir = *c.dir;
        {
            FaultSite site;  // its servers stop (and their stalls end) when the crawl is done
            site.write_feeds(dir / "feeds");
            c.run = dossier::test::run_measured(dossier::test::k_bin, crawl_args(dir, "archive"));
            c.faults = site.item_faults();
            for (const char* source : {"faults", "healthy", "bigfeed"}) c.good[source] = site.good_urls(source);
            c.bad_utf8_url = site.bad_utf8_url();
            c.binary_url = site.binary_url();
            c.huge_sent = site.huge_bytes_sent();
            c.endless_sent = site.endless_bytes_sent();
            for (const char* path : {"/storm", "/limited", "/wait-long", "/silent", "/slowloris", "/reset", "/cut-chunked",
                                     "/loop", "/loop2", "/bigok/1", "/big/3", "/big/100000", "/never"})
                c.hits[path] = site.hits(path);
            c.chain_hits = site.chain_hits();
            c.limited_at = site.limited_times();
        }
        if (c.run.exit_code != 3) return c;
        c.report = json::parse(c.run.out);
        for (const auto& a : json::parse(dossier::test::run_dossier(dir, {"export", "--json"}).out))
            c.stored[a["url"].get<std::string>()] = a;
        c.stats = json::parse(dossier::test::run_dossier(dir, {"stats", "--json"}).out);
        c.bad_utf8_stored = stored_text(dir, c.bad_utf8_url);
        // Read the archive back offline: every hostile body the crawl kept goes through the
        // decoders again, with no server to cut it short this time.
        std::vector<std::string> args = crawl_args(dir, "replayed");
        args.push_back("--replay");
        for (const auto& e : std::filesystem::directory_iterator(dir / "archive/warc")) args.push_back(e.path().string());
        c.replay = dossier::test::run_measured(dossier::test::k_bin, args);
        if (c.replay.exit_code == 3) c.replay_report = json::parse(c.replay.out);
        return c;
    }();
    return crawl;
}

const json* failure_for(const json& report, const std::string& url) {
    for (const auto& f : report["failures"])
        if (f["url"] == url) return &f;
    return nullptr;
}

const json& source_row(const json& report, const std::string& id) {
    for (const auto& s : report["sources"])
        if (s["source"] == id) return s;
    FAIL("no report row for source " << id);
    throw std::logic_error("unreachable");
}

bool contains(const json& text, const std::string& part) { return text.get<std::string>().find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a crawl through every network fault exits 3 and stays bounded in time and memory", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    INFO(c.run.err);
    REQUIRE(c.run.exit_code == 3);  // README "Exit codes": finished, some sources failed
    INFO("crawl: " << c.run.elapsed.count() << " ms, peak RSS " << c.run.peak_rss_kib / 1024 << " MiB");
    CHECK(c.run.elapsed < k_max_crawl_time);
    CHECK(c.run.peak_rss_kib < k_max_rss_mib * 1024);
    // Every failure is on stderr too, one line each, even with --json on stdout.
    CHECK(std::count(c.run.err.begin(), c.run.err.end(), '\n') ==
          static_cast<long>(c.report["failures"].size()));
    // Hostile servers were not read past the caps: 10 MiB of 50 MB, 10 MiB of an endless feed
    // (plus what the socket buffers took in before the connection closed).
    CHECK(c.huge_sent < 40u << 20);
    CHECK(c.endless_sent < 40u << 20);
}

TEST_CASE("every network fault listed by a feed is one failure row naming its URL, stage and reason", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    REQUIRE(c.run.exit_code == 3);
    for (const auto& fault : c.faults) {
        INFO(fault.name << ": " << fault.url);
        const json* row = failure_for(c.report, fault.url);
        REQUIRE(row != nullptr);
        INFO((*row)["message"]);
        CHECK((*row)["source"] == "faults");
        CHECK((*row)["stage"] == fault.stage);
        if (fault.name == "DNS failure") {
            // RFC 6761 section 6.4: .invalid never resolves. Without a reachable name server the
            // lookup may time out instead; either way it ends within the timeout.
            CHECK((contains((*row)["message"], "could not resolve host") || contains((*row)["message"], "connect timeout")));
        } else {
            CHECK(contains((*row)["message"], fault.reason));
        }
        CHECK(c.stored.count(fault.url) == 0);
    }
    // Retries went as far as --attempts and no further; Retry-After was waited for.
    CHECK(c.hits.at("/storm") == 2);
    CHECK(c.hits.at("/silent") == 2);
    CHECK(c.hits.at("/slowloris") == 2);
    CHECK(c.hits.at("/reset") == 2);
    CHECK(c.hits.at("/cut-chunked") == 2);
    REQUIRE(c.limited_at.size() == 2);
    CHECK(c.limited_at[1] - c.limited_at[0] >= 1s);  // the server's own clock; a lower bound only
    CHECK(c.hits.at("/wait-long") == 1);             // 7200 s is over the limit: the host is given up
    // Redirects: the loop is seen at its first repeat; the chain across two hosts stops after
    // 5 hops: the request and 5 hops, each tried at most --attempts times (a hop to the other
    // host can time out while the crawl digests a large body, and is then tried again).
    CHECK(c.hits.at("/loop") == 1);
    CHECK(c.hits.at("/loop2") == 1);
    CHECK(c.chain_hits >= 6);
    CHECK(c.chain_hits <= 6 * dossier::test::k_fault_attempts);
}

TEST_CASE("feeds that are faults fail their own source only; a 100,000-item feed stops at 10,000", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    REQUIRE(c.run.exit_code == 3);
    const std::map<std::string, std::string> index_faults{
        {"endless", "fetch: body over 10485760 bytes"},  // no end: cut at the body cap
        {"stalled", "fetch: timeout after 2 s (2 attempts)"},  // whole feed sent, connection never closed
        {"nxdomain", ""}};
    for (const auto& [source, reason] : index_faults) {
        INFO(source);
        const json& row = source_row(c.report, source);
        CHECK(row["index_ok"] == false);
        CHECK(row["failed"] == 1);
        bool found = false;
        for (const auto& f : c.report["failures"]) {
            if (f["source"] != source) continue;
            found = true;
            CHECK(f["stage"] == "fetch");
            if (!reason.empty()) CHECK(contains(f["message"], reason));
        }
        CHECK(found);
    }
    CHECK(c.hits.at("/never") == 0);  // the stalled feed's items were not read
    const json& big = source_row(c.report, "bigfeed");
    CHECK(big["index_ok"] == true);
    CHECK(big["entries"] == 10000);  // the feed parser's item cap (feed::ParseOptions::max_items)
    CHECK(big["new"] == 2);          // its [fetch] max_new
    CHECK(big["failed"] == 0);
    CHECK(big["quality_flags"] == json::array({"index_capped"}));  // the cap is reported, not silent
    CHECK(c.hits.at("/bigok/1") == 1);
    CHECK(c.hits.at("/big/3") == 0);
    CHECK(c.hits.at("/big/100000") == 0);
}

TEST_CASE("around the faults every good article is stored and the healthy source completes", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    REQUIRE(c.run.exit_code == 3);
    for (const auto& [source, urls] : c.good) {
        for (const auto& url : urls) {
            INFO(source << ": " << url);
            REQUIRE(c.stored.count(url) == 1);
            CHECK(c.stored.at(url)["source"] == source);
        }
    }
    const json& healthy = source_row(c.report, "healthy");
    CHECK(healthy["index_ok"] == true);
    CHECK(healthy["new"] == 3);
    CHECK(healthy["failed"] == 0);
    CHECK(c.stats["sources"]["healthy"] == 3);
    CHECK(c.stats["sources"]["bigfeed"] == 2);
    for (const auto& f : c.report["failures"]) CHECK(f["source"] != "healthy");
    // Invalid UTF-8 inside a UTF-8 page: stored, the good text intact, the bad bytes replaced
    // (U+FFFD), and what is in the database is well-formed UTF-8.
    REQUIRE(c.stored.count(c.bad_utf8_url) == 1);
    CHECK(c.bad_utf8_stored.find("远程代码执行") != std::string::npos);
    CHECK(c.bad_utf8_stored.find("厂商已发布补丁") != std::string::npos);
    CHECK(c.bad_utf8_stored.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(dossier::text::is_valid_utf8(c.bad_utf8_stored));
}

TEST_CASE("the hostile responses the crawl archived replay offline with the same rows, still bounded", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    REQUIRE(c.run.exit_code == 3);
    INFO(c.replay.err);
    REQUIRE(c.replay.exit_code == 3);
    INFO("replay: " << c.replay.elapsed.count() << " ms, peak RSS " << c.replay.peak_rss_kib / 1024 << " MiB");
    CHECK(c.replay.elapsed < k_max_crawl_time);
    CHECK(c.replay.peak_rss_kib < k_max_rss_mib * 1024);
    for (const auto& fault : c.faults) {
        if (fault.reason.rfind("archive: ", 0) != 0) continue;  // the bombs and brotli: decoded again
        INFO(fault.name);
        const json* row = failure_for(c.replay_report, fault.url);
        REQUIRE(row != nullptr);
        CHECK((*row)["message"] == fault.reason);
    }
    CHECK(source_row(c.replay_report, "bigfeed")["entries"] == 10000);
    CHECK(source_row(c.replay_report, "healthy")["new"] == 3);
}

// The crawl does not trust "Content-Type: text/html" over the bytes: 64 KiB of random bytes is
// binary data (crawl::looks_binary), refused before extraction.
TEST_CASE("binary served as text/html is refused, not stored as an article of garbage", "[e2e][crawl][faults]") {
    const FaultCrawl& c = fault_crawl();
    REQUIRE(c.run.exit_code == 3);
    CHECK(c.stored.count(c.binary_url) == 0);
    const json* row = failure_for(c.report, c.binary_url);
    REQUIRE(row != nullptr);
    CHECK((*row)["stage"] == "extract");
    CHECK(contains((*row)["message"], "not HTML"));
    CHECK(contains((*row)["message"], "binary data"));
}
