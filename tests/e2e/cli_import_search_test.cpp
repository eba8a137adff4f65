// End-to-end: the built binary on a temporary archive — import, search, show, export, stats.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "dossier_cli.hpp"

using dossier::test::ProcessResult;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

using dossier::test::k_bin;
using dossier::test::run_dossier;
const std::string k_fixtures = DOSSIER_FIXTURES;
const std::string k_sample = k_fixtures + "/warc/security_news_sample.warc.gz";

/// An archive with the six sample pages imported (done once per test case).
struct Imported {
    TempDir dir;
    ProcessResult import_result;
    Imported() { import_result = run_dossier(dir, {"import", k_sample}); }
};

json all_articles(const TempDir& dir) {
    auto r = run_dossier(dir, {"export", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

std::set<std::int64_t> ids_containing(const json& articles, const std::string& needle) {
    std::set<std::int64_t> ids;
    for (const auto& a : articles)
        if (a["title"].get<std::string>().find(needle) != std::string::npos ||
            a["text"].get<std::string>().find(needle) != std::string::npos)
            ids.insert(a["id"].get<std::int64_t>());
    return ids;
}

std::set<std::int64_t> search_ids(const TempDir& dir, const std::string& query) {
    auto r = run_dossier(dir, {"search", query, "--json", "--limit", "1000"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::set<std::int64_t> ids;
    for (const auto& hit : json::parse(r.out)) ids.insert(hit["id"].get<std::int64_t>());
    return ids;
}

}  // namespace

TEST_CASE("importing a WARC stores each HTML page once and skips what is not an article", "[e2e]") {
    Imported a;
    INFO(a.import_result.err);
    CHECK(a.import_result.exit_code == 0);
    CHECK(a.import_result.err.find("6 new (0 copies of stored stories), 1 duplicate, 0 revised, 1 skipped, 0 failed") != std::string::npos);
    const json articles = all_articles(a.dir);
    REQUIRE(articles.size() == 6);
    std::set<std::string> sources;
    for (const auto& art : articles) {
        for (const char* key : {"id", "url", "canonical_url", "title", "published", "author", "source", "lang", "tags",
                                "text", "fetched_at"})
            CHECK(art.contains(key));
        CHECK_FALSE(art["title"].get<std::string>().empty());
        CHECK(art["text"].get<std::string>().size() > 200);
        CHECK(art["capture"]["warc"].get<std::string>().ends_with(".warc.gz"));
        sources.insert(art["source"].get<std::string>());
    }
    CHECK(sources.count("anquanke.com") == 1);
    CHECK(sources.count("arstechnica.com") == 1);
    // The archive keeps its own copy of every stored capture.
    std::size_t warcs = 0;
    for (const auto& e : std::filesystem::directory_iterator(a.dir / "archive/warc")) warcs += e.path().string().ends_with(".warc.gz");
    CHECK(warcs == 1);
}

TEST_CASE("importing the same WARC again adds nothing", "[e2e]") {
    Imported a;
    REQUIRE(a.import_result.exit_code == 0);
    auto again = run_dossier(a.dir, {"import", k_sample});
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("0 new (0 copies of stored stories), 7 duplicate, 0 revised") != std::string::npos);
    CHECK(all_articles(a.dir).size() == 6);
}

TEST_CASE("a two-character Chinese query finds every article that contains it, and only those", "[e2e]") {
    Imported a;
    const json articles = all_articles(a.dir);
    for (const std::string term : {"漏洞", "安卓", "路径", "播放器", "セキュリティ"}) {
        INFO(term);
        const auto expected = ids_containing(articles, term);
        CHECK_FALSE(expected.empty());
        CHECK(search_ids(a.dir, term) == expected);
    }
}

TEST_CASE("English terms, phrases and CVE ids are found", "[e2e]") {
    Imported a;
    const json articles = all_articles(a.dir);
    CHECK(search_ids(a.dir, "Minecraft") == ids_containing(articles, "Minecraft"));
    CHECK_FALSE(search_ids(a.dir, "Minecraft").empty());
    CHECK(search_ids(a.dir, "CVE-2020-5764") == ids_containing(articles, "CVE-2020-5764"));
    CHECK(search_ids(a.dir, "\"MX Player\"").size() == 1);
    CHECK(search_ids(a.dir, "Minecraft 漏洞").empty());  // AND across two different articles
}

TEST_CASE("search prints ranked hits with highlighted snippets; --json is pure JSON", "[e2e]") {
    Imported a;
    auto text = run_dossier(a.dir, {"search", "Minecraft"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("arstechnica.com") != std::string::npos);
    CHECK(text.out.find("[Minecraft]") != std::string::npos);
    auto j = run_dossier(a.dir, {"search", "Minecraft", "--json"});
    const json hits = json::parse(j.out);
    REQUIRE(hits.size() == 1);
    // JSON snippets are plain text; the hits are offsets beside them (cli_search_test checks them)
    CHECK(hits[0]["highlights"].size() >= 1);
    CHECK(hits[0]["snippet"].get<std::string>().find("Minecraft") != std::string::npos);
    CHECK(hits[0]["snippet"].get<std::string>().find("[Minecraft]") == std::string::npos);
    auto none = run_dossier(a.dir, {"search", "zzzznotaword", "--json"});
    CHECK(none.exit_code == 0);
    CHECK(json::parse(none.out) == json::array());
    auto lines = run_dossier(a.dir, {"search", "漏洞", "--jsonl"});
    std::size_t n = 0;
    for (std::size_t pos = 0; (pos = lines.out.find('\n', pos)) != std::string::npos; ++pos) ++n;
    CHECK(n == search_ids(a.dir, "漏洞").size());
}

TEST_CASE("search filters by source, language and date", "[e2e]") {
    Imported a;
    CHECK(search_ids(a.dir, "漏洞") != std::set<std::int64_t>{});
    auto by_source = run_dossier(a.dir, {"search", "the", "--source", "arstechnica.com", "--json"});
    for (const auto& hit : json::parse(by_source.out)) CHECK(hit["source"] == "arstechnica.com");
    auto zh = run_dossier(a.dir, {"search", "漏洞", "--lang", "en", "--json"});
    CHECK(json::parse(zh.out).empty());
    auto future = run_dossier(a.dir, {"search", "漏洞", "--since", "2099-01-01", "--json"});
    CHECK(json::parse(future.out).empty());
    auto bad = run_dossier(a.dir, {"search", "漏洞", "--since", "yesterday"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("show prints one article by id or by any form of its URL", "[e2e]") {
    Imported a;
    auto by_url = run_dossier(a.dir, {"show", "https://WWW.anquanke.com/post/id/210200?utm_source=x#top", "--json"});
    INFO(by_url.err);
    REQUIRE(by_url.exit_code == 0);
    const json art = json::parse(by_url.out);
    CHECK(art["title"].get<std::string>().find("MX Player") != std::string::npos);
    CHECK(art["text"].get<std::string>().find("MX Player是一个Android应用程序") != std::string::npos);
    const std::string id = std::to_string(art["id"].get<std::int64_t>());
    auto md = run_dossier(a.dir, {"show", id, "--md"});
    CHECK(md.out.rfind("---\ntitle: ", 0) == 0);
    CHECK(md.out.find("\n# ") != std::string::npos);
    auto plain = run_dossier(a.dir, {"show", id});
    CHECK(plain.out.find("https://www.anquanke.com/post/id/210200") != std::string::npos);
    auto missing = run_dossier(a.dir, {"show", "999999"});
    CHECK(missing.exit_code == 1);
}

TEST_CASE("export writes JSON, JSON Lines and one safe Markdown file per article", "[e2e]") {
    Imported a;
    auto jsonl = run_dossier(a.dir, {"export", "--format", "jsonl"});
    REQUIRE(jsonl.exit_code == 0);
    std::size_t lines = 0;
    std::size_t start = 0;
    for (std::size_t end; (end = jsonl.out.find('\n', start)) != std::string::npos; start = end + 1) {
        const json art = json::parse(jsonl.out.substr(start, end - start));
        CHECK(art.contains("text"));
        ++lines;
    }
    CHECK(lines == 6);
    auto filtered = run_dossier(a.dir, {"export", "漏洞", "--format", "json", "--out", (a.dir / "zh.json").string()});
    REQUIRE(filtered.exit_code == 0);
    CHECK(json::parse(dossier::test::read_file(a.dir / "zh.json")).size() == search_ids(a.dir, "漏洞").size());
    auto md = run_dossier(a.dir, {"export", "--format", "md", "--out", (a.dir / "md").string()});
    REQUIRE(md.exit_code == 0);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(a.dir / "md")) {
        ++files;
        const std::string name = e.path().filename().string();
        CHECK(name.ends_with(".md"));
        CHECK(name.find("..") == std::string::npos);
        const std::string body = dossier::test::read_file(e.path());
        CHECK(body.rfind("---\ntitle: ", 0) == 0);
        for (const char* key : {"\nurl: ", "\nsource: ", "\ndate: ", "\nfetch_date: "}) CHECK(body.find(key) != std::string::npos);
    }
    CHECK(files == 6);
    auto no_out = run_dossier(a.dir, {"export", "--format", "md"});
    CHECK(no_out.exit_code == 2);
    auto shorthand = run_dossier(a.dir, {"export", "--json"});
    REQUIRE(shorthand.exit_code == 0);
    CHECK(json::parse(shorthand.out).size() == 6);
    auto empty = run_dossier(a.dir, {"export", "zzzznotaword", "--json"});
    CHECK(json::parse(empty.out) == json::array());
}

TEST_CASE("stats counts articles per source and language", "[e2e]") {
    Imported a;
    auto r = run_dossier(a.dir, {"stats", "--json"});
    REQUIRE(r.exit_code == 0);
    const json s = json::parse(r.out);
    CHECK(s["articles"] == 6);
    CHECK(s["sources"]["anquanke.com"] == 1);
    CHECK(s["warc_bytes"].get<std::int64_t>() > 0);
    auto text = run_dossier(a.dir, {"stats"});
    CHECK(text.out.find("anquanke.com") != std::string::npos);
}
