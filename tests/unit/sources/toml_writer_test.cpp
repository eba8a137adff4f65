#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "dossier/sources/loader.hpp"
#include "dossier/sources/toml_writer.hpp"
#include "temp_folder.hpp"

using dossier::core::IndexSpec;
using dossier::core::Source;
using dossier::sources::load_file;
using dossier::sources::to_toml;
using dossier::sources::write_file;

namespace {

const std::filesystem::path k_fixtures = std::filesystem::path(DOSSIER_FIXTURES) / "sources";
const std::filesystem::path k_feeds = std::filesystem::path(DOSSIER_FIXTURES "/../../feeds").lexically_normal();

// Writes to_toml(s) to a temporary <id>.toml and loads it back.
dossier::core::Result<Source> round_trip(const Source& s) {
    dossier::test::TempFolder dir;
    const auto path = dir.path() / (s.id + ".toml");
    std::ofstream(path, std::ios::binary) << to_toml(s, "written by a test");
    return load_file(path);
}

// Every field but `path`.
void check_same(const Source& a, const Source& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.homepage == b.homepage);
    CHECK(a.lang == b.lang);
    CHECK(a.timezone == b.timezone);
    CHECK(a.tags == b.tags);
    CHECK(a.enabled == b.enabled);
    REQUIRE(a.index.size() == b.index.size());
    for (std::size_t i = 0; i < a.index.size(); ++i) {
        CHECK(a.index[i].kind == b.index[i].kind);
        CHECK(a.index[i].url == b.index[i].url);
        CHECK(a.index[i].item == b.index[i].item);
        CHECK(a.index[i].link == b.index[i].link);
        CHECK(a.index[i].title == b.index[i].title);
        CHECK(a.index[i].date == b.index[i].date);
    }
    CHECK(a.article.title == b.article.title);
    CHECK(a.article.body == b.article.body);
    CHECK(a.article.date == b.article.date);
    CHECK(a.article.author == b.article.author);
    CHECK(a.article.remove == b.article.remove);
    CHECK(a.fetch.min_interval_seconds == b.fetch.min_interval_seconds);
    CHECK(a.fetch.max_new == b.fetch.max_new);
    CHECK(a.fetch.proxy == b.fetch.proxy);
    CHECK(a.fetch.user_agent == b.fetch.user_agent);
    CHECK(a.fetch.cookies == b.fetch.cookies);
    CHECK(a.fetch.headers == b.fetch.headers);
}

Source minimal() {
    Source s;
    s.id = "example";
    s.name = "Example";
    s.homepage = "https://example.com/";
    s.index.push_back({IndexSpec::Kind::feed, "https://example.com/feed", "", "", "", ""});
    return s;
}

}  // namespace

TEST_CASE("to_toml of a file using every key reads back to the same source", "[sources]") {
    auto original = load_file(k_fixtures / "full_listing.toml");
    REQUIRE(original);
    auto again = round_trip(*original);
    REQUIRE(again);
    check_same(*original, *again);
}

TEST_CASE("to_toml of every shipped definition reads back to the same source", "[sources]") {
    for (const auto& entry : std::filesystem::directory_iterator(k_feeds)) {
        if (entry.path().extension() != ".toml") continue;
        INFO(entry.path().string());
        auto original = load_file(entry.path());
        REQUIRE(original);
        auto again = round_trip(*original);
        REQUIRE(again);
        check_same(*original, *again);
    }
}

TEST_CASE("to_toml escapes quotes, backslashes, control characters and bad UTF-8", "[sources]") {
    Source s = minimal();
    s.name = "A \"quoted\" \\ name\twith\nbreaks\x01 and \xff bytes, 中文";
    s.article.date = "span[title=\"a\\\"b\"]@title";
    s.fetch.headers = {{"X-Weird Name", "v"}, {"Accept", "text/html"}};
    const std::string text = to_toml(s);
    CHECK_THAT(text, Catch::Contains(R"(name = "A \"quoted\" \\ name\twith\nbreaks\u0001 and )" "\xEF\xBF\xBD" " bytes, 中文\""));
    CHECK_THAT(text, Catch::Contains("\"X-Weird Name\" = \"v\""));
    // A header name with a space is not valid HTTP, so the file is written but refused on load.
    auto back = round_trip(s);
    REQUIRE_FALSE(back);
    CHECK_THAT(back.error().message, Catch::EndsWith("fetch.headers.\"X-Weird Name\": not an http header name"));
    s.fetch.headers = {{"Accept", "text/html"}};
    s.name = "A \"quoted\" \\ name\twith\nbreaks\x01, 中文";
    auto good = round_trip(s);
    REQUIRE(good);
    check_same(s, *good);
}

TEST_CASE("to_toml writes keys in a fixed order and comments out what is unset", "[sources]") {
    const std::string text = to_toml(minimal(), "imported from OPML\n\nline three");
    const std::string expected =
        "# imported from OPML\n"
        "#\n"
        "# line three\n"
        "\n"
        "id = \"example\"                      # = the file name\n"
        "name = \"Example\"\n"
        "homepage = \"https://example.com/\"\n"
        "# lang = \"en\"                       # BCP 47: \"zh\", \"en\", \"zh-CN\"\n"
        "# timezone = \"UTC\"                  # IANA name, for dates without an offset\n"
        "tags = []\n"
        "enabled = true\n"
        "\n"
        "[[index]]\n"
        "kind = \"feed\"                       # feed | listing | sitemap\n"
        "url = \"https://example.com/feed\"\n"
        "\n"
        "# [article]                         # optional extraction hints (docs/sources.md)\n"
        "# body = \"#content\"                 # \"sel@attr\" reads an attribute\n"
        "\n"
        "# [fetch]                           # optional overrides of the crawl's defaults\n"
        "# min_interval = \"1h\"               # 30s, 15m, 1h, 1d, 1h30m\n"
        "# max_new = 50                      # new articles per run at most\n";
    CHECK(text == expected);
}

TEST_CASE("write_file creates <id>.toml and never overwrites it", "[sources]") {
    dossier::test::TempFolder dir;
    const Source s = minimal();
    auto written = write_file(dir.path(), s);
    REQUIRE(written);
    CHECK(*written == dir.path() / "example.toml");
    auto loaded = load_file(*written);
    REQUIRE(loaded);
    check_same(s, *loaded);

    std::ofstream(*written, std::ios::app) << "# edited by hand\n";
    auto again = write_file(dir.path(), s);
    REQUIRE_FALSE(again);
    CHECK(again.error().message == "sources: " + written->string() + ": already exists");
    std::ifstream in(*written);
    std::ostringstream kept;
    kept << in.rdbuf();
    CHECK_THAT(kept.str(), Catch::EndsWith("# edited by hand\n"));
}

TEST_CASE("write_file refuses an id that is not a safe file name", "[sources]") {
    dossier::test::TempFolder dir;
    Source s = minimal();
    s.id = "../escape";
    auto r = write_file(dir.path(), s);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "sources: not a valid id: \"../escape\"");
    CHECK_FALSE(std::filesystem::exists(dir.path().parent_path() / "escape.toml"));
}

TEST_CASE("an unset timezone is suggested from the language, as a comment only", "[sources]") {
    Source s = minimal();
    s.lang = "zh";
    CHECK_THAT(to_toml(s), Catch::Contains("\n# timezone = \"Asia/Shanghai\" "));
    s.lang = "ja";
    CHECK_THAT(to_toml(s), Catch::Contains("\n# timezone = \"Asia/Tokyo\" "));
    s.lang = "en";
    CHECK_THAT(to_toml(s), Catch::Contains("\n# timezone = \"UTC\" "));
    auto back = round_trip(s);
    REQUIRE(back);
    CHECK(back->timezone.empty());
}
