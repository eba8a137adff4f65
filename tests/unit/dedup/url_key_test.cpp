#include <catch2/catch.hpp>

#include "dossier/dedup/url_key.hpp"

using dossier::dedup::preferred_key;
using dossier::dedup::url_key;

TEST_CASE("URL keys normalise case, ports, fragments, dot segments and percent-encoding", "[dedup]") {
    const std::pair<const char*, const char*> cases[] = {
        {"HTTPS://WWW.Anquanke.com/post/id/210200", "https://www.anquanke.com/post/id/210200"},
        {"https://www.anquanke.com:443/post/id/210200#comments", "https://www.anquanke.com/post/id/210200"},
        {"http://example.com:80", "http://example.com/"},
        {"http://example.com:8080/a", "http://example.com:8080/a"},
        {"https://example.com/a/./b/../c", "https://example.com/a/c"},
        {"https://example.com/%7Euser/%e6%bc%8f", "https://example.com/~user/%E6%BC%8F"},
        {"https://example.com./a", "https://example.com/a"},
    };
    for (const auto& [in, expected] : cases) {
        INFO(in);
        CHECK(url_key(in) == expected);
    }
}

TEST_CASE("tracking parameters are removed and the rest sorted", "[dedup]") {
    CHECK(url_key("https://thehackernews.com/2025/01/x.html?utm_source=feedburner&utm_medium=feed") ==
          "https://thehackernews.com/2025/01/x.html");
    CHECK(url_key("https://www.freebuf.com/articles/1.html?spm=a.b.c&from=timeline&b=2&a=1") ==
          "https://www.freebuf.com/articles/1.html?a=1&b=2");
    CHECK(url_key("https://example.com/?fbclid=x&gclid=y") == "https://example.com/");
    CHECK(url_key("https://example.com/view.php?id=7&sid=3") == "https://example.com/view.php?id=7&sid=3");
}

TEST_CASE("WeChat article links keep only their identifying parameters", "[dedup]") {
    CHECK(url_key("https://mp.weixin.qq.com/s?__biz=MzA&mid=265&idx=1&sn=abc&chksm=84&scene=21#wechat_redirect") ==
          "https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=265&sn=abc");
}

TEST_CASE("a declared canonical URL wins only on the same site", "[dedup]") {
    CHECK(preferred_key("https://www.example.com/a?utm_source=x", "https://example.com/a") == "https://example.com/a");
    CHECK(preferred_key("https://www.example.com/a", "https://evil.example.org/a") == "https://www.example.com/a");
    CHECK(preferred_key("file:///tmp/saved.html", "https://www.anquanke.com/post/id/1") ==
          "https://www.anquanke.com/post/id/1");
    CHECK(preferred_key("https://example.com/a", "") == "https://example.com/a");
    CHECK(preferred_key("https://example.com/a", "javascript:alert(1)") == "https://example.com/a");
}

TEST_CASE("non-URLs are kept as written", "[dedup]") {
    CHECK(url_key("  not a url ") == "not a url");
}
