// End-to-end: dossier search on the imported sample archive — --count, --sort, --cve, the
// JSON highlights, and one-line errors for every kind of bad query.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "dossier_cli.hpp"

using dossier::test::ProcessResult;
using dossier::test::run_dossier;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

const std::string k_sample = std::string(DOSSIER_FIXTURES) + "/warc/security_news_sample.warc.gz";

/// The six sample pages imported into a fresh archive.
struct Sample {
    TempDir dir;
    Sample() { REQUIRE(run_dossier(dir, {"import", k_sample}).exit_code == 0); }

    json search_json(std::vector<std::string> args) {
        args.insert(args.begin(), "search");
        args.emplace_back("--json");
        auto r = run_dossier(dir, args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return json::parse(r.out);
    }
};

std::size_t line_count(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += c == '\n';
    return n;
}

/// The code points [from, to) of UTF-8 `s`, as UTF-8.
std::string code_points(const std::string& s, std::size_t from, std::size_t to) {
    std::size_t index = 0, begin = s.size(), end = s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (index == from) begin = i;
        if (index == to) end = i;
        ++index;
    }
    REQUIRE(to <= index);
    return s.substr(begin, end - begin);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// The date part of an article's "published" value ("2019-07-30T13:16:29-04:00" -> "2019-07-30").
std::string day_of(const json& hit) { return hit["published"].get<std::string>().substr(0, 10); }

}  // namespace

TEST_CASE("search --count prints only the number of matches, whatever --limit says", "[e2e]") {
    Sample s;
    for (const std::string q : {"漏洞", "the", "Minecraft", "zzzznotaword", "lang:en"}) {
        INFO(q);
        auto r = run_dossier(s.dir, {"search", q, "--count", "--limit", "1"});
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == std::to_string(s.search_json({q, "--limit", "1000"}).size()) + "\n");
    }
    CHECK(run_dossier(s.dir, {"search", "Minecraft OR 漏洞", "--count"}).out == "3\n");
}

TEST_CASE("search --sort newest and oldest order hits by date; rank is the default", "[e2e]") {
    Sample s;
    const std::string q = "the OR 漏洞 OR Passwort OR セキュリティ";
    const json newest = s.search_json({q, "--sort", "newest"});
    const json oldest = s.search_json({q, "--sort", "oldest"});
    REQUIRE(newest.size() == 6);
    REQUIRE(oldest.size() == 6);
    for (std::size_t k = 0; k + 1 < newest.size(); ++k) {
        CHECK(day_of(newest[k]) > day_of(newest[k + 1]));
        CHECK(day_of(oldest[k]) < day_of(oldest[k + 1]));
    }
    CHECK(newest.front()["id"] == oldest.back()["id"]);
    // Rank: bm25, so the order differs from both; the default is rank.
    const json ranked = s.search_json({q});
    CHECK(ranked == s.search_json({q, "--sort", "rank"}));
    CHECK(ranked == s.search_json({q, "--sort", "rank", "--exhaustive"}));
    for (std::size_t k = 0; k + 1 < ranked.size(); ++k) CHECK(ranked[k]["rank"] <= ranked[k + 1]["rank"]);
}

TEST_CASE("search --json gives a plain snippet and highlight offsets that point at the hits", "[e2e]") {
    Sample s;
    for (const std::string q : {"Minecraft", "漏洞", "播放器", "CVE-2020-5764", "android"}) {
        INFO(q);
        const json hits = s.search_json({q});
        REQUIRE_FALSE(hits.empty());
        std::size_t marked = 0;
        for (const auto& hit : hits) {
            const std::string snippet = hit["snippet"];
            CHECK(snippet.find('\x01') == std::string::npos);
            CHECK(snippet.find('\x02') == std::string::npos);
            CHECK(hit["rank"].is_number());
            for (const auto& span : hit["highlights"]) {
                const std::string text = code_points(snippet, span[0], span[1]);
                // CVE-2020-5764 is written with an en dash in the article: compare the digits.
                if (q.rfind("CVE", 0) == 0) CHECK(text.find("5764") != std::string::npos);
                else CHECK(lower_ascii(text) == lower_ascii(q));
                ++marked;
            }
        }
        CHECK(marked > 0);
    }
}

TEST_CASE("search text output shows id, date, source, title, URL and a marked snippet", "[e2e]") {
    Sample s;
    auto r = run_dossier(s.dir, {"search", "Minecraft"});
    REQUIRE(r.exit_code == 0);
    const json hit = s.search_json({"Minecraft"}).at(0);
    for (const std::string& part : {std::to_string(hit["id"].get<std::int64_t>()), day_of(hit), hit["source"].get<std::string>(),
                                   hit["title"].get<std::string>(), hit["url"].get<std::string>(), std::string("[Minecraft]")})
        CHECK(r.out.find(part) != std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);  // not a terminal: no ANSI codes
}

TEST_CASE("search --cve and cve: keep only articles that mention the id", "[e2e]") {
    Sample s;
    CHECK(s.search_json({"播放器", "--cve", "CVE-2020-5764"}).size() == 1);
    CHECK(s.search_json({"播放器", "--cve", "cve-2020-5764"}).size() == 1);
    CHECK(s.search_json({"播放器", "--cve", "CVE-2020-5765"}).empty());
    CHECK(s.search_json({"cve:CVE-2020-5764"}).size() == 1);
    CHECK(s.search_json({"Minecraft cve:CVE-2020-5764"}).empty());
}

TEST_CASE("every kind of bad query exits 2 with one stderr line that starts with search:", "[e2e]") {
    Sample s;
    const std::vector<std::vector<std::string>> cases{
        {""}, {"   "}, {std::string(10000, 'x')}, {"AND OR NOT"}, {"OR"}, {"- - -"}, {"()"}, {"\"unbalanced"},
        {"a \"b"}, {"(a OR b"}, {"foo:bar"}, {"Titel:漏洞"}, {"since:2025-13-45"}, {"until:yesterday"},
        {"cve:CVE-1"}, {"a OR -b"}, {"--", "-a"}, {"x", "--cve", "nope"}};
    for (auto args : cases) {
        INFO(args.back().substr(0, 40));
        args.insert(args.begin(), "search");
        const ProcessResult r = run_dossier(s.dir, args);
        CHECK(r.exit_code == 2);
        CHECK(line_count(r.err) == 1);
        CHECK(r.err.rfind("search: ", 0) == 0);
        CHECK(lower_ascii(r.err).find("sqlite") == std::string::npos);
        CHECK(lower_ascii(r.err).find("fts5") == std::string::npos);
        CHECK(r.out.empty());
    }
    auto unknown = run_dossier(s.dir, {"search", "author:bob"});
    CHECK(unknown.err.find("unknown field \"author:\"") != std::string::npos);
    auto quoted = run_dossier(s.dir, {"search", "\"author:bob\"", "--count"});
    CHECK(quoted.exit_code == 0);
    CHECK(run_dossier(s.dir, {"search", "x", "--sort", "best"}).exit_code == 2);
}

TEST_CASE("search --help documents the query language", "[e2e]") {
    auto h = dossier::test::run_process(dossier::test::k_bin, {"search", "--help"});
    REQUIRE(h.exit_code == 0);
    for (const char* part : {"Query language", "cve:", "since:", "--sort", "--count", "--exhaustive", "highlights",
                             "code points", "Examples"})
        CHECK(h.out.find(part) != std::string::npos);
}
