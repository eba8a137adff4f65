#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "dossier/sources/loader.hpp"
#include "temp_folder.hpp"

using dossier::core::IndexSpec;
using dossier::sources::load_dir;
using dossier::sources::load_file;

namespace {

const std::filesystem::path k_fixtures = std::filesystem::path(DOSSIER_FIXTURES) / "sources";
const std::filesystem::path k_feeds = std::filesystem::path(DOSSIER_FIXTURES "/../../feeds").lexically_normal();

std::string fixture(const std::string& name) { return (k_fixtures / name).string(); }

// The message load_file gives for a fixture (empty when the file unexpectedly loads).
std::string load_error(const std::string& name) {
    auto r = load_file(k_fixtures / name);
    return r ? std::string() : r.error().message;
}

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value != nullptr) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old) ::setenv(m_name, m_old->c_str(), 1);
        else ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("every shipped source definition in feeds/ loads without error", "[sources]") {
    auto report = load_dir(k_feeds);
    REQUIRE(report);
    for (const auto& e : report->errors) FAIL_CHECK(e.message);
    std::set<std::string> ids;
    for (const auto& s : report->sources) ids.insert(s.id);
    const std::set<std::string> expected{"4hou",         "anquanke",        "bleepingcomputer", "darkreading",  "freebuf",
                                         "krebsonsecurity", "securityweek", "seebug",           "thehackernews", "therecord"};
    for (const auto& id : expected) CHECK(ids.count(id) == 1);
    for (const auto& s : report->sources) {
        INFO(s.id);
        CHECK(s.enabled);
        CHECK_FALSE(s.index.empty());
        CHECK((s.lang == "zh" || s.lang == "en"));
        CHECK(s.path == (k_feeds / (s.id + ".toml")).string());
    }
}

TEST_CASE("the shipped anquanke definition has the feed, zone and body hint from the site notes", "[sources]") {
    auto s = load_file(k_feeds / "anquanke.toml");
    REQUIRE(s);
    CHECK(s->name == "安全客");
    CHECK(s->timezone == "Asia/Shanghai");
    REQUIRE(s->index.size() == 1);
    CHECK(s->index[0].kind == IndexSpec::Kind::feed);
    CHECK(s->index[0].url == "https://api.anquanke.com/data/v1/rss");
    CHECK(s->article.body == "#js-article");
    CHECK(s->article.date == "p.publish");
}

TEST_CASE("a file using every key loads into the matching Source", "[sources]") {
    auto r = load_file(k_fixtures / "full_listing.toml");
    REQUIRE(r);
    const auto& s = *r;
    CHECK(s.id == "full_listing");
    CHECK(s.name == "全功能 Example");
    CHECK(s.lang == "zh-CN");
    CHECK(s.tags == std::vector<std::string>{"news", "zh"});
    CHECK_FALSE(s.enabled);
    REQUIRE(s.index.size() == 2);
    CHECK(s.index[0].kind == IndexSpec::Kind::listing);
    CHECK(s.index[0].item == "ul.posts > li");
    CHECK(s.index[0].link == "a@href");  // the default when not given
    CHECK(s.index[0].title == "h2 a");
    CHECK(s.index[0].date == "time@datetime");
    CHECK(s.index[1].kind == IndexSpec::Kind::sitemap);
    CHECK(s.article.author == "meta[name=\"author\"]@content");
    CHECK(s.article.remove == std::vector<std::string>{".share", ".related", "a[href*=\"@\"]"});
    CHECK(s.fetch.min_interval_seconds == 5400);
    CHECK(s.fetch.max_new == 25);
    CHECK(s.fetch.proxy == "socks5h://127.0.0.1:1080");
    CHECK(s.fetch.user_agent == "dossier-test/1");
    CHECK(s.fetch.cookies == "a=1; b=2");
    using Header = std::pair<std::string, std::string>;
    CHECK(s.fetch.headers == std::vector<Header>{{"Accept-Language", "zh-CN,zh;q=0.9"}, {"Referer", "https://example.com/"}});
    CHECK(s.path == fixture("full_listing.toml"));
}

TEST_CASE("each schema mistake is named by file, key and reason", "[sources]") {
    const std::map<std::string, std::string> cases{
        {"unknown_key.toml", "artcle: unknown key (did you mean \"article\"?)"},
        {"unknown_nested_key.toml", "article.bdy: unknown key (did you mean \"body\"?)"},
        {"id_mismatch.toml", "id: \"y\" does not match the file name"},
        {"index_not_http.toml", "index[1].url: not http(s)"},
        {"bad_duration.toml", "fetch.min_interval: not a duration (use 30m, 1h, 1d)"},
        {"missing_index.toml", "index: missing (add at least one [[index]] table)"},
        {"listing_without_item_selector.toml", "index[2].item: missing (a listing needs an item selector)"},
        {"index_single_table.toml", "index: expected [[index]] tables, found a table"},
        {"feed_with_listing_keys.toml", "index[1].item: only for kind = \"listing\""},
        {"unknown_kind.toml", "index[1].kind: unknown kind \"rss\" (feed, listing or sitemap)"},
        {"bad_lang.toml", "lang: not a language tag like \"zh\", \"en\" or \"zh-CN\""},
        {"tags_not_array.toml", "tags: expected an array of strings, found a string"},
        {"max_new_zero.toml", "fetch.max_new: out of range (1 to 100000)"},
        {"body_selector_with_attr.toml", "article.body: \"@attribute\" is not allowed here"},
        {"header_sets_user_agent.toml", "fetch.headers.User-Agent: set it with fetch.user_agent"},
        {"duplicate_index_url.toml", "index[2].url: same as index[1].url"},
        {"bad_proxy.toml", "fetch.proxy: not a proxy url (http://, https://, socks5://host:port ...)"},
    };
    for (const auto& [file, line] : cases) {
        INFO(file);
        CHECK(load_error(file) == fixture(file) + ": " + line);
    }
}

TEST_CASE("a misspelt timezone is checked against the zone database", "[sources]") {
    REQUIRE(std::filesystem::is_directory(dossier::sources::zoneinfo_dir()));  // Debian: package tzdata
    CHECK(load_error("bad_timezone.toml") == fixture("bad_timezone.toml") + ": timezone: unknown zone \"Asia/Shangai\"");
}

TEST_CASE("without a zone database only the shape of a timezone is checked", "[sources]") {
    const ScopedEnv tzdir("TZDIR", (k_fixtures / "no-such-zoneinfo").c_str());
    CHECK(load_error("bad_timezone.toml").empty());
}

TEST_CASE("a TOML syntax error names the line", "[sources]") {
    const std::string message = load_error("syntax_error.toml");
    CHECK(message.rfind(fixture("syntax_error.toml") + ": line 3: ", 0) == 0);
    CHECK_THAT(message, Catch::Contains("expected value"));
}

TEST_CASE("every problem of a file is reported, one line each, in schema order", "[sources]") {
    const std::string f = fixture("several_problems.toml");
    CHECK(load_error("several_problems.toml") == f + ": name: missing\n" + f + ": homepage: not an absolute url\n" + f +
                                                     ": enabled: expected true or false, found a string");
}

TEST_CASE("a missing file is an error naming it", "[sources]") {
    auto r = load_file(k_fixtures / "no_such_source.toml");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::StartsWith(fixture("no_such_source.toml") + ": cannot read: "));
}

TEST_CASE("load_dir returns the good files and reports the bad one", "[sources]") {
    auto report = load_dir(k_fixtures / "mixed_dir");
    REQUIRE(report);
    REQUIRE(report->sources.size() == 2);
    CHECK(report->sources[0].id == "alpha");  // sorted by file name
    CHECK(report->sources[1].id == "zulu");
    const std::string broken = (k_fixtures / "mixed_dir" / "broken.toml").string();
    REQUIRE(report->errors.size() == 2);  // notes.txt and .editor-backup.toml are not read
    CHECK(report->errors[0].message == broken + ": index[1].url: not http(s)");
    CHECK(report->errors[1].message == broken + ": fetch.min_interval: not a duration (use 30m, 1h, 1d)");
}

TEST_CASE("load_dir fails only when the folder cannot be read", "[sources]") {
    auto missing = load_dir(k_fixtures / "no_such_folder");
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::StartsWith("sources: cannot read folder " + fixture("no_such_folder") + ": "));
    dossier::test::TempFolder empty;
    auto none = load_dir(empty.path());
    REQUIRE(none);
    CHECK(none->sources.empty());
    CHECK(none->errors.empty());
}

TEST_CASE("the feeds folder comes from the flag, then DOSSIER_FEEDS, then feeds", "[sources]") {
    using dossier::sources::feeds_dir;
    {
        const ScopedEnv env("DOSSIER_FEEDS", nullptr);
        CHECK(feeds_dir() == std::filesystem::path("feeds"));
        CHECK(feeds_dir("/srv/feeds") == std::filesystem::path("/srv/feeds"));
    }
    const ScopedEnv env("DOSSIER_FEEDS", "/etc/dossier/feeds");
    CHECK(feeds_dir() == std::filesystem::path("/etc/dossier/feeds"));
    CHECK(feeds_dir("mine") == std::filesystem::path("mine"));
}

namespace {

// load_file of `body` (after a valid id/name/homepage) written to a temporary <id>.toml.
std::string inline_error(const std::string& id, const std::string& body) {
    dossier::test::TempFolder dir;
    const auto path = dir.path() / (id + ".toml");
    std::ofstream(path) << "id = \"" << id << "\"\nname = \"N\"\nhomepage = \"https://example.com/\"\n" << body;
    auto r = load_file(path);
    if (r) return {};
    const std::string prefix = path.string() + ": ";
    std::string m = r.error().message;
    return m.rfind(prefix, 0) == 0 ? m.substr(prefix.size()) : m;
}

const std::string k_feed_index = "[[index]]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\n";

}  // namespace

TEST_CASE("smaller mistakes get their own reasons", "[sources]") {
    CHECK(inline_error("a", "index = []\n") == "index: missing (add at least one [[index]] table)");
    CHECK(inline_error("a", "index = [\"https://example.com/feed\"]\n") == "index: expected [[index]] tables, found an array");
    CHECK(inline_error("a", "enabled = 1\n" + k_feed_index) == "enabled: expected true or false, found an integer");
    CHECK(inline_error("a", "tags = [\"news\", 3]\n" + k_feed_index) == "tags[2]: expected a string, found an integer");
    CHECK(inline_error("a", "tags = [\" \"]\n" + k_feed_index) == "tags[1]: empty");
    CHECK(inline_error("a", "lang = \"\"\n" + k_feed_index) == "lang: not a language tag like \"zh\", \"en\" or \"zh-CN\"");
    CHECK(inline_error("a", "timezone = \"../etc/passwd\"\n" + k_feed_index) ==
          "timezone: not an IANA zone name like \"Asia/Shanghai\": \"../etc/passwd\"");
    CHECK(inline_error("a", "[[index]]\nurl = \"https://example.com/feed\"\n") == "index[1].kind: missing");
    CHECK(inline_error("a", "[[index]]\nkind = \"feed\"\nurl = \"example.com/feed\"\n") == "index[1].url: not an absolute url");
    CHECK(inline_error("a", k_feed_index + "[article]\nbody = \"div[class=x\"\n") == "article.body: unbalanced brackets or quotes");
    CHECK(inline_error("a", k_feed_index + "[article]\ndate = \"time@\"\n") == "article.date: bad attribute name after \"@\"");
    CHECK(inline_error("a", k_feed_index + "[article]\nremove = [\".ad\", \"\"]\n") == "article.remove[2]: empty selector");
    CHECK(inline_error("a", k_feed_index + "[fetch]\nmin_interval = 3600\n") == "fetch.min_interval: not a duration (use 30m, 1h, 1d)");
    CHECK(inline_error("a", k_feed_index + "[fetch]\nmax_new = \"10\"\n") == "fetch.max_new: expected an integer, found a string");
    CHECK(inline_error("a", k_feed_index + "[fetch]\nuser_agent = \"x\\r\\nInjected: 1\"\n") ==
          "fetch.user_agent: contains a line break or NUL");
    CHECK(inline_error("a", k_feed_index + "[fetch]\nheaders = { Cookie = \"a=1\" }\n") == "fetch.headers.Cookie: set it with fetch.cookies");
    CHECK(inline_error("a", k_feed_index + "[fetch]\nheaders = { Accept = 1 }\n") == "fetch.headers.Accept: expected a string, found an integer");
    CHECK(inline_error("Bad", k_feed_index) == "id: \"Bad\" is not a valid id (a-z, 0-9, - and _)");
    CHECK(inline_error("a", "x = 1\n" + k_feed_index) == "x: unknown key");
    CHECK(inline_error("a", k_feed_index + "x = 1\n") == "index[1].x: unknown key");
    CHECK(inline_error("a", "nme = \"x\"\n" + k_feed_index) == "nme: unknown key (did you mean \"name\"?)");
}
