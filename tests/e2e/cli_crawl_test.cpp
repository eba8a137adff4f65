// End-to-end: `dossier crawl` against a loopback fixture site with faults.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "crawl_site.hpp"
#include "dossier/archive/warc_reader.hpp"
#include "dossier_cli.hpp"

using dossier::test::CrawlSite;
using dossier::test::ProcessResult;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

using dossier::test::k_bin;
using dossier::test::run_dossier;

std::vector<std::string> crawl_args(const TempDir& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--archive", (dir / "archive").string(), "crawl", "--feeds", (dir / "feeds").string(),
                                  "--delay", "0", "--timeout", "2", "--attempts", "2", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

json export_all(const TempDir& dir) {
    auto r = run_dossier(dir, {"export", "--json"});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

std::set<std::string> stored_paths(const json& articles) {
    std::set<std::string> paths;
    for (const auto& a : articles) {
        const std::string url = a["url"];
        paths.insert(url.substr(url.find('/', 8)));
    }
    return paths;
}

const json* failure_for(const json& report, const std::string& path_suffix) {
    for (const auto& f : report["failures"])
        if (f["url"].get<std::string>().ends_with(path_suffix)) return &f;
    return nullptr;
}

const json& source_row(const json& report, const std::string& id) {
    for (const auto& s : report["sources"])
        if (s["source"] == id) return s;
    FAIL("no report row for " << id);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a crawl stores what is good, reports every fault, and exits 3", "[e2e][crawl]") {
    CrawlSite site;
    TempDir dir;
    site.write_feeds(dir / "feeds");
    auto r = dossier::test::run_process(k_bin, crawl_args(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 3);
    const json report = json::parse(r.out);

    const auto paths = stored_paths(export_all(dir));
    for (const char* p : {"/a/1", "/a/2", "/a/3", "/a/4", "/a/5", "/flaky", "/limited", "/gzip", "/lying-charset", "/b/1",
                          "/b/2", "/b/3", "/c/1", "/c/2", "/e/1", "/d/1"}) {
        INFO(p);
        CHECK(paths.count(p) == 1);
    }
    for (const char* p : {"/private/secret", "/slow", "/loop", "/tofile", "/huge"}) {
        INFO(p);
        CHECK(paths.count(p) == 0);
        CHECK(failure_for(report, p) != nullptr);
    }
    CHECK(site.server().hits("/private/secret") == 0);  // robots.txt said no: never requested
    CHECK(site.server().hits("/robots.txt") == 1);
    // robots.txt's Crawl-delay (0.05 s) spaces the requests to the host although --delay is 0.
    const auto seen = site.server().requests();
    auto min_gap = std::chrono::milliseconds::max();
    for (std::size_t i = 2; i < seen.size(); ++i)  // from the first request after robots.txt
        min_gap = std::min(min_gap, std::chrono::duration_cast<std::chrono::milliseconds>(seen[i].at - seen[i - 1].at));
    CHECK(min_gap >= std::chrono::milliseconds(30));  // without the delay the gaps are ~1 ms
    CHECK((*failure_for(report, "/slow"))["message"].get<std::string>().find("timeout") != std::string::npos);
    CHECK((*failure_for(report, "/private/secret"))["message"].get<std::string>().find("robots") != std::string::npos);
    CHECK(failure_for(report, "/broken/feed") != nullptr);
    CHECK(source_row(report, "broken")["index_ok"] == false);
    CHECK(source_row(report, "news")["new"] == 5);
    CHECK(source_row(report, "faults")["new"] == 4);
    CHECK(source_row(report, "listing")["new"] == 3);
    CHECK(source_row(report, "sitemap")["new"] == 2);
    bool typo_reported = false;
    for (const auto& f : report["failures"]) typo_reported |= f["message"].get<std::string>().find("typo.toml") != std::string::npos;
    CHECK(typo_reported);
    // Every failure is also printed on stderr, one line each.
    CHECK(r.err.find("failed: faults: fetch: ") != std::string::npos);
    CHECK(r.err.find("fetch: fetch:") == std::string::npos);

    // Content decoded right: the lying charset page is Chinese, the Latin-1 feed's title has umlauts.
    auto zh = run_dossier(dir, {"search", "漏洞", "--json"});
    REQUIRE(json::parse(zh.out).size() == 1);
    auto latin = run_dossier(dir, {"show", site.url("/d/1"), "--json"});
    REQUIRE(latin.exit_code == 0);
    CHECK(json::parse(latin.out)["text"].get<std::string>().find("Sicherheitslücke") != std::string::npos);

    // Every response is archived, feeds and robots.txt included.
    std::set<std::string> archived;
    for (const auto& e : std::filesystem::directory_iterator(dir / "archive/warc")) {
        auto reader = dossier::archive::WarcReader::open(e.path());
        REQUIRE(reader);
        for (auto rec = reader->next(); rec && *rec; rec = reader->next())
            if ((*rec)->type() == "response") archived.insert((*rec)->target_uri());
    }
    for (const char* p : {"/robots.txt", "/feed.xml", "/news/", "/sitemap.xml", "/a/1", "/flaky", "/loop"}) {
        INFO(p);
        CHECK(archived.count(site.url(p)) == 1);
    }
}

TEST_CASE("a second crawl is incremental: conditional GET, nothing fetched twice", "[e2e][crawl]") {
    CrawlSite site;
    TempDir dir;
    site.write_feeds(dir / "feeds");
    REQUIRE(dossier::test::run_process(k_bin, crawl_args(dir)).exit_code == 3);
    const int article_hits = site.server().hits("/a/1");
    const std::size_t before = export_all(dir).size();
    auto again = dossier::test::run_process(k_bin, crawl_args(dir));
    INFO(again.err);
    const json report = json::parse(again.out);
    CHECK(source_row(report, "news")["not_modified"] == 1);
    CHECK(source_row(report, "news")["new"] == 0);
    CHECK(source_row(report, "listing")["known"] == 3);
    CHECK(site.server().hits("/a/1") == article_hits);
    CHECK(export_all(dir).size() == before);
    bool conditional = false;
    for (const auto& req : site.server().requests())
        conditional |= req.path == "/feed.xml" && req.header("If-None-Match") == "\"v1\"";
    CHECK(conditional);
    auto list = run_dossier(dir, {"sources", "list", "--feeds", (dir / "feeds").string(), "--json"});
    const json sources = json::parse(list.out);
    bool broken_seen = false;
    for (const auto& s : sources)
        if (s["id"] == "broken") {
            broken_seen = true;
            CHECK(s["consecutive_failures"] == 2);
            CHECK_FALSE(s["last_error"].get<std::string>().empty());
        } else if (s["id"] == "news") {
            CHECK(s["consecutive_failures"] == 0);
            CHECK(s["articles"] == 5);
        }
    CHECK(broken_seen);
}

TEST_CASE("a second crawl while one holds the lock exits 75 at once", "[e2e][crawl]") {
    CrawlSite site;
    TempDir dir;
    site.write_feeds(dir / "feeds");
    std::filesystem::create_directories(dir / "archive");
    const int fd = ::open((dir / "archive/.lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    auto r = dossier::test::run_process(k_bin, crawl_args(dir));
    ::close(fd);
    CHECK(r.exit_code == 75);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(site.server().requests().empty());
}

TEST_CASE("a crawl replayed from its WARC files stores the same articles offline", "[e2e][crawl]") {
    TempDir dir, offline;
    std::set<std::string> online_paths;
    {
        CrawlSite site;
        site.write_feeds(dir / "feeds");
        REQUIRE(dossier::test::run_process(k_bin, crawl_args(dir)).exit_code == 3);
        online_paths = stored_paths(export_all(dir));
        site.write_feeds(offline / "feeds");  // same URLs; the server stops at the end of this scope
    }
    std::vector<std::string> args = crawl_args(offline, {"--replay"});
    for (const auto& e : std::filesystem::directory_iterator(dir / "archive/warc")) args.push_back(e.path().string());
    auto r = dossier::test::run_process(k_bin, args);
    INFO(r.err);
    CHECK(r.exit_code == 3);  // the broken source and the faults are still missing
    CHECK(stored_paths(export_all(offline)) == online_paths);
}

TEST_CASE("a crawl killed midway and run again stores every article exactly once", "[e2e][crawl]") {
    CrawlSite site(40, 60);
    TempDir dir;
    site.write_feeds(dir / "feeds");
    for (const char* id : {"faults", "listing", "sitemap", "htmlfeed", "latin1", "broken"})
        std::filesystem::remove(dir / "feeds" / (std::string(id) + ".toml"));
    std::filesystem::remove(dir / "feeds/typo.toml");
    auto args = crawl_args(dir, {"--max-new", "100"});
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::vector<char*> argv{const_cast<char*>(k_bin.c_str())};
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execv(k_bin.c_str(), argv.data());
        ::_exit(127);
    }
    // Kill once some articles are fetched but long before all 40 (60 ms each) are.
    auto article_hits = [&site] {
        int n = 0;
        for (const auto& req : site.server().requests()) n += req.path.starts_with("/a/");
        return n;
    };
    for (int i = 0; i < 500 && article_hits() < 6; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(article_hits() < 40);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));

    auto again = dossier::test::run_process(k_bin, args);
    INFO(again.err);
    INFO(again.out);
    CHECK(again.exit_code == 0);
    const json articles = export_all(dir);
    std::multiset<std::string> urls;
    for (const auto& a : articles) urls.insert(a["url"].get<std::string>());
    for (int i = 1; i <= 40; ++i) CHECK(urls.count(site.url("/a/" + std::to_string(i))) == 1);
    auto check = dossier::test::run_process("/usr/bin/sqlite3", {(dir / "archive/dossier.db").string(), "PRAGMA integrity_check;"});
    CHECK(check.out == "ok\n");
}

TEST_CASE("the shipped anquanke source replays offline from the bundled sample WARC; -q prints nothing", "[e2e][crawl]") {
    TempDir dir;
    const std::string fixtures = DOSSIER_FIXTURES;
    auto r = dossier::test::run_process(
        k_bin, {"--archive", (dir / "archive").string(), "crawl", "-q", "--feeds", fixtures + "/../../feeds", "--source",
                "anquanke", "--replay", fixtures + "/warc/anquanke_replay.warc.gz"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    auto show = run_dossier(dir, {"show", "https://www.anquanke.com/post/id/210200", "--json"});
    REQUIRE(show.exit_code == 0);
    const json a = json::parse(show.out);
    CHECK(a["source"] == "anquanke");
    CHECK(a["published"] == "2020-07-10T16:30:16+08:00");  // shown without a zone; the source says Asia/Shanghai
    CHECK(a["fetched_at"] == "2025-12-01T00:01:05Z");       // the capture's WARC-Date, not the replay's time
    CHECK(a["capture"]["warc"].get<std::string>().ends_with("anquanke_replay.warc.gz"));
}
