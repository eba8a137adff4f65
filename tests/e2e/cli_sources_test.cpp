// End-to-end: `dossier sources` — list with health, check against a loopback site, import-opml.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "crawl_site.hpp"
#include "dossier_cli.hpp"

using dossier::test::TempDir;
using nlohmann::json;

namespace {

using dossier::test::k_bin;
const std::string k_fixtures = DOSSIER_FIXTURES;

std::size_t toml_files(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().extension() == ".toml";
    return n;
}

}  // namespace

TEST_CASE("every shipped source definition is listed and valid", "[e2e][sources]") {
    TempDir dir;
    auto r = dossier::test::run_process(k_bin, {"--archive", (dir / "archive").string(), "sources", "list", "--feeds",
                                                k_fixtures + "/../../feeds", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json list = json::parse(r.out);
    std::set<std::string> ids;
    for (const auto& s : list) ids.insert(s["id"].get<std::string>());
    for (const char* id : {"anquanke", "freebuf", "4hou", "seebug", "thehackernews", "bleepingcomputer", "securityweek",
                           "krebsonsecurity", "therecord", "darkreading"})
        CHECK(ids.count(id) == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "archive"));  // listing creates no archive
}

TEST_CASE("import-opml writes one definition per feed, and a second import only reports duplicates", "[e2e][sources]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "feeds");
    const std::string opml = k_fixtures + "/feed/opml/zer0yu-CyberSecurityRSS-2017-first-commit.opml";
    auto first = dossier::test::run_process(k_bin, {"sources", "--feeds", (dir / "feeds").string(), "import-opml", opml});
    INFO(first.err);
    CHECK(first.exit_code == 0);
    const std::size_t written = toml_files(dir / "feeds");
    CHECK(written > 100);
    auto list = dossier::test::run_process(k_bin, {"--archive", (dir / "archive").string(), "sources", "list", "--feeds",
                                                   (dir / "feeds").string(), "--json"});
    CHECK(list.exit_code == 0);  // everything written loads back
    CHECK(json::parse(list.out).size() == written);
    auto second = dossier::test::run_process(k_bin, {"sources", "--feeds", (dir / "feeds").string(), "import-opml", opml});
    CHECK(second.exit_code == 0);
    CHECK(toml_files(dir / "feeds") == written);
    CHECK(second.err.find("0 new sources") != std::string::npos);
    auto dry = dossier::test::run_process(k_bin, {"sources", "--feeds", (dir / "empty").string(), "import-opml", "--dry-run", opml});
    CHECK(dry.exit_code != 0);  // the feeds folder must exist
}

TEST_CASE("sources check fetches each index once, stores nothing and exits 3 on a broken one", "[e2e][sources]") {
    dossier::test::CrawlSite site;
    TempDir dir;
    site.write_feeds(dir / "feeds");
    std::filesystem::remove(dir / "feeds/typo.toml");
    auto r = dossier::test::run_process(k_bin, {"--archive", (dir / "archive").string(), "sources", "--feeds",
                                                (dir / "feeds").string(), "check"});
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("news") != std::string::npos);
    CHECK(r.out.find("5 entries") != std::string::npos);
    CHECK(r.out.find("9 entries") != std::string::npos);
    CHECK(r.out.find("broken") != std::string::npos);
    CHECK(site.server().hits("/a/1") == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "archive"));
}
