// End-to-end: bad input gets a one-line answer, the right exit code, and loses nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dossier_cli.hpp"

using dossier::test::ProcessResult;
using dossier::test::TempDir;
using nlohmann::json;

namespace {

using dossier::test::k_bin;
using dossier::test::run_dossier;
const std::string k_fixtures = DOSSIER_FIXTURES;
const std::string k_sample = k_fixtures + "/warc/security_news_sample.warc.gz";

std::size_t line_count(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

std::int64_t article_count(const TempDir& dir) {
    auto r = run_dossier(dir, {"stats", "--json"});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["articles"].get<std::int64_t>();
}

/// Offsets of the gzip members of a file (each starts with 1f 8b 08).
std::vector<std::size_t> member_offsets(const std::string& data) {
    std::vector<std::size_t> offsets;
    for (std::size_t pos = 0; (pos = data.find("\x1f\x8b\x08", pos)) != std::string::npos; ++pos) offsets.push_back(pos);
    return offsets;
}

}  // namespace

TEST_CASE("a truncated gzip member is reported with file and offset and the rest is imported", "[e2e]") {
    TempDir dir;
    std::string data = dossier::test::read_file(k_sample);
    const auto members = member_offsets(data);
    REQUIRE(members.size() > 6);
    // Cut the 4th member (the csdn response) in half: drop bytes from its middle.
    const std::size_t start = members[4], end = members[5];
    const std::size_t cut_at = start + (end - start) / 2;
    data.erase(cut_at, end - cut_at);
    const auto broken = dir / "broken.warc.gz";
    dossier::test::write_file(broken, data);
    auto r = run_dossier(dir, {"import", broken.string()});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("broken.warc.gz") != std::string::npos);
    CHECK(r.err.find(std::to_string(start)) != std::string::npos);
    CHECK(r.err.find("5 new") != std::string::npos);
    CHECK(article_count(dir) == 5);
}

TEST_CASE("a wrong Content-Length in a plain WARC loses only that record", "[e2e]") {
    TempDir dir;
    const std::string page = "<html><head><title>Second page</title></head><body><article><p>"
                             "Attackers exploited a flaw in the VPN appliance, the vendor said on Monday, "
                             "and urged customers to patch at once. 漏洞已修复。</p></article></body></html>";
    auto rec = [](const std::string& uri, const std::string& block, std::size_t declared) {
        return "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
               std::string(12 - std::to_string(declared).size(), '0') + std::to_string(declared) +
               ">\r\nWARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Target-URI: " + uri +
               "\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(declared) + "\r\n\r\n" + block +
               "\r\n\r\n";
    };
    const std::string bad_page = "<html><body><p>This one says it is longer than it is.</p></body></html>";
    const std::string warc = rec("https://example.com/bad", bad_page, bad_page.size() + 500) +
                             rec("https://example.com/good", page, page.size());
    const auto path = dir / "plain.warc";
    dossier::test::write_file(path, warc);
    auto r = run_dossier(dir, {"import", path.string()});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("plain.warc") != std::string::npos);
    CHECK(article_count(dir) == 1);
    auto show = run_dossier(dir, {"show", "https://example.com/good", "--json"});
    CHECK(show.exit_code == 0);
}

TEST_CASE("a non-HTML file is reported and skipped; HTML files are imported with their URL", "[e2e]") {
    TempDir dir;
    const auto bin_file = dir / "image.html";
    dossier::test::write_file(bin_file, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto page = dir / "page.html";
    dossier::test::write_file(page, dossier::test::read_file(k_fixtures + "/pages/anquanke-1/source.html"));
    auto r = run_dossier(dir, {"import", bin_file.string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("image.html") != std::string::npos);
    auto ok = run_dossier(dir, {"import", "--url", "https://www.anquanke.com/post/id/210200", page.string()});
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    auto show = run_dossier(dir, {"show", "https://www.anquanke.com/post/id/210200", "--json"});
    REQUIRE(show.exit_code == 0);
    const json art = json::parse(show.out);
    CHECK(art["source"] == "anquanke.com");
    CHECK(art["capture"]["warc"].get<std::string>().ends_with(".warc.gz"));
}

TEST_CASE("broken query syntax is a one-line usage error, never an SQLite message", "[e2e]") {
    TempDir dir;
    REQUIRE(run_dossier(dir, {"import", k_sample}).exit_code == 0);
    for (const std::string q : {"\"unbalanced", "AND AND", "", "OR", "NOT"}) {
        INFO(q);
        auto r = run_dossier(dir, {"search", q});
        CHECK(r.exit_code == 2);
        CHECK(line_count(r.err) == 1);
        CHECK(r.err.find("sqlite") == std::string::npos);
        CHECK(r.err.find("fts5") == std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK(article_count(dir) == 6);
}

TEST_CASE("usage errors exit 2", "[e2e]") {
    TempDir dir;
    CHECK(run_dossier(dir, {"search"}).exit_code == 2);
    CHECK(run_dossier(dir, {"search", "x", "--no-such-flag"}).exit_code == 2);
    CHECK(run_dossier(dir, {"frobnicate"}).exit_code == 2);
    CHECK(run_dossier(dir, {"export", "--format", "xml"}).exit_code == 2);
    CHECK(run_dossier(dir, {"import"}).exit_code == 2);
    auto r = run_dossier(dir, {"search", "x", "--no-such-flag"});
    CHECK(line_count(r.err) == 1);
}

TEST_CASE("an archive that cannot be written is a one-line fatal error", "[e2e]") {
    TempDir dir;
    const auto blocker = dir / "file";
    dossier::test::write_file(blocker, "not a folder");
    auto r = dossier::test::run_process(k_bin, {"--archive", (blocker / "archive").string(), "import", k_sample});
    CHECK(r.exit_code == 1);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("archive") != std::string::npos);
}

TEST_CASE("a database that is not a dossier archive is refused and left unchanged", "[e2e]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "archive");
    const auto db = dir / "archive/dossier.db";
    auto made = dossier::test::run_process("/usr/bin/sqlite3", {db.string(), "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);"});
    REQUIRE(made.exit_code == 0);
    const std::string before = dossier::test::read_file(db);
    for (std::vector<std::string> args : {std::vector<std::string>{"stats"}, {"import", k_sample}, {"search", "x"}}) {
        auto r = run_dossier(dir, args);
        CHECK(r.exit_code == 1);
        CHECK(line_count(r.err) == 1);
    }
    CHECK(dossier::test::read_file(db) == before);
}

TEST_CASE("reading commands on a missing archive say so and create nothing", "[e2e]") {
    TempDir dir;
    auto r = run_dossier(dir, {"search", "x"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no archive") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "archive"));
}

TEST_CASE("--version names the linked libraries and every command's --help has examples", "[e2e]") {
    TempDir dir;
    auto v = dossier::test::run_process(k_bin, {"--version"});
    CHECK(v.exit_code == 0);
    for (const char* lib : {"dossier ", "libcurl", "SQLite", "Gumbo", "ICU", "zlib"}) CHECK(v.out.find(lib) != std::string::npos);
    for (const char* cmd : {"import", "search", "show", "export", "stats", "extract"}) {
        INFO(cmd);
        auto h = dossier::test::run_process(k_bin, {cmd, "--help"});
        CHECK(h.exit_code == 0);
        CHECK(h.out.find("Examples") != std::string::npos);
    }
}
