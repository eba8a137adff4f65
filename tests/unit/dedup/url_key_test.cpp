#include "dossier/dedup/url_key.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using dossier::dedup::article_key;
using dossier::dedup::is_tracking_param;
using dossier::dedup::preferred_key;
using dossier::dedup::tracking_params;
using dossier::dedup::url_key;

TEST_CASE("URL keys normalise case, ports, fragments, dot segments and percent-encoding", "[dedup]") {
    const std::pair<const char*, const char*> cases[] = {
        {"HTTPS://WWW.Anquanke.com/post/id/210200", "https://www.anquanke.com/post/id/210200"},
        {"https://www.anquanke.com:443/post/id/210200#comments", "https://www.anquanke.com/post/id/210200"},
        {"http://example.com:80", "http://example.com/"},
        {"http://example.com:0080/a", "http://example.com/a"},
        {"https://example.com:08443/a", "https://example.com:8443/a"},
        {"http://example.com:8080/a", "http://example.com:8080/a"},
        {"https://example.com/a/./b/../c", "https://example.com/a/c"},
        {"https://example.com/%7Euser/%e6%bc%8f", "https://example.com/~user/%E6%BC%8F"},
        {"https://example.com./a", "https://example.com/a"},
        {"https://example.com/a?", "https://example.com/a"},
        {"https://example.com/a?&&", "https://example.com/a"},
    };
    for (const auto& [in, expected] : cases) {
        INFO(in);
        CHECK(url_key(in) == expected);
    }
}

TEST_CASE("raw non-ASCII and non-URI characters are percent-encoded like their encoded form", "[dedup]") {
    CHECK(url_key("https://www.anquanke.com/tag/漏洞") == "https://www.anquanke.com/tag/%E6%BC%8F%E6%B4%9E");
    CHECK(url_key("https://e.com/a|b?q={x}") == "https://e.com/a%7Cb?q=%7Bx%7D");
    // Reserved characters keep their encoding: "%2F" is not a path separator.
    CHECK(url_key("https://e.com/a%2fb?q=a%3db") == "https://e.com/a%2Fb?q=a%3Db");
}

TEST_CASE("Unicode and percent-encoded hosts become lower-case IDNA A-labels", "[dedup]") {
    CHECK(url_key("https://例子.中国/a") == "https://xn--fsqu00a.xn--fiqs8s/a");
    CHECK(url_key("https://例子。中国/a") == "https://xn--fsqu00a.xn--fiqs8s/a");  // ideographic full stop
    CHECK(url_key("https://BÜCHER.example/") == "https://xn--bcher-kva.example/");
    CHECK(url_key("https://ｅｘａｍｐｌｅ.com/") == "https://example.com/");  // full-width letters
    CHECK(url_key("https://XN--FSQU00A.xn--fiqs8s/a") == "https://xn--fsqu00a.xn--fiqs8s/a");
    CHECK(url_key("https://%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD/a") == "https://xn--fsqu00a.xn--fiqs8s/a");
    CHECK(url_key("https://%45xample.com/") == "https://example.com/");
    // A decoded '/' would move the path into the host: such a host is left as written.
    CHECK(url_key("https://a%2fb.com/") == "https://a%2fb.com/");
}

TEST_CASE("tracking parameters are removed and the rest sorted", "[dedup]") {
    CHECK(url_key("https://thehackernews.com/2025/01/x.html?utm_source=feedburner&utm_medium=feed") ==
          "https://thehackernews.com/2025/01/x.html");
    CHECK(url_key("https://www.freebuf.com/articles/1.html?spm=a.b.c&from=timeline&b=2&a=1") ==
          "https://www.freebuf.com/articles/1.html?a=1&b=2");
    CHECK(url_key("https://example.com/?fbclid=x&gclid=y") == "https://example.com/");
    CHECK(url_key("https://example.com/view.php?id=7&sid=3") == "https://example.com/view.php?id=7&sid=3");
    CHECK(url_key("https://example.com/a?UTM_Source=x&WT.mc_id=y&PHPSESSID=z") == "https://example.com/a");
    // Stable sort: a repeated name keeps the order it was written in.
    CHECK(url_key("https://example.com/a?t=2&b=1&t=1") == "https://example.com/a?b=1&t=2&t=1");
}

TEST_CASE("a session id written as a path parameter is removed, other path parameters kept", "[dedup]") {
    CHECK(url_key("https://www.example.org/news/show.jsp;jsessionid=0A1B2C3D?id=42") ==
          "https://www.example.org/news/show.jsp?id=42");
    CHECK(url_key("https://www.example.org/a;JSESSIONID=x/b.html") == "https://www.example.org/a/b.html");
    CHECK(url_key("https://www.example.org/a;type=d;jsessionid=x") == "https://www.example.org/a;type=d");
}

TEST_CASE("the tracking list never names a parameter that identifies an article", "[dedup]") {
    for (std::string_view name : {"id",      "p",        "aid",  "articleid", "article_id",  "cid", "sid", "page",
                                  "page_id", "post",     "s",    "q",         "source",      "ref", "m",   "amp",
                                  "lang",    "memberId", "size", "category",  "max-results", "tag"}) {
        INFO(name);
        CHECK_FALSE(is_tracking_param(name));
    }
    for (const auto& entry : tracking_params()) {
        INFO(entry.name);
        CHECK_FALSE(entry.why.empty());
        for (char c : entry.name) CHECK_FALSE((c >= 'A' && c <= 'Z'));  // matched after lower-casing
    }
    CHECK(is_tracking_param("utm_campaign"));
    CHECK(is_tracking_param("share_source"));
    CHECK(is_tracking_param("sharer_shareid"));
    CHECK_FALSE(is_tracking_param("shared"));
}

TEST_CASE("WeChat article links keep only their identifying parameters", "[dedup]") {
    CHECK(url_key("https://mp.weixin.qq.com/s?__biz=MzA&mid=265&idx=1&sn=abc&chksm=84&scene=21#wechat_redirect") ==
          "https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=265&sn=abc");
    CHECK(url_key("http://mp.weixin.qq.com/s?__biz=MzA%3D%3D&mid=1&idx=1&sn=a") ==
          "https://mp.weixin.qq.com/s?__biz=MzA==&idx=1&mid=1&sn=a");
    CHECK(url_key("https://mp.weixin.qq.com/s/Xa1B2c3D4e?scene=1&poc_token=HE") ==
          "https://mp.weixin.qq.com/s/Xa1B2c3D4e");
    CHECK(url_key("http://mp.weixin.qq.com/mp/appmsg/show?__biz=MjM=&appmsgid=1&itemidx=1&sign=f&uin=3") ==
          "https://mp.weixin.qq.com/mp/appmsg/show?__biz=MjM=&appmsgid=1&itemidx=1&sign=f");
    // Without __biz (Sogou's temporary links) or on other pages the generic rule applies.
    CHECK(url_key("https://mp.weixin.qq.com/s?src=11&timestamp=1&signature=A&scene=1") ==
          "https://mp.weixin.qq.com/s?signature=A&src=11&timestamp=1");
    CHECK(url_key("https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA&action=getalbum&album_id=7") ==
          "https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA&action=getalbum&album_id=7");
}

TEST_CASE("a Google AMP cache URL keys as the origin URL it copies", "[dedup]") {
    CHECK(url_key("https://www-bleepingcomputer-com.cdn.ampproject.org/c/s/www.bleepingcomputer.com/news/a/") ==
          "https://www.bleepingcomputer.com/news/a/");
    CHECK(url_key("https://example-com.cdn.ampproject.org/v/example.com/a.html?amp_js_v=0.1&usqp=mq331AQ") ==
          "http://example.com/a.html");
    CHECK(url_key("https://example-com.cdn.ampproject.org/c/s/") == "https://example-com.cdn.ampproject.org/c/s/");
}

TEST_CASE("a declared canonical URL wins only on the same site", "[dedup]") {
    CHECK(article_key("https://www.example.com/a?utm_source=x", "https://example.com/a") == "https://example.com/a");
    CHECK(article_key("https://www.example.com/a", "https://evil.example.org/a") == "https://www.example.com/a");
    CHECK(article_key("file:///tmp/saved.html", "https://www.anquanke.com/post/id/1") ==
          "https://www.anquanke.com/post/id/1");
    CHECK(article_key("file:///tmp/saved.html", "/post/id/1") == "file:///tmp/saved.html");
    CHECK(article_key("https://example.com/a", "") == "https://example.com/a");
    CHECK(article_key("https://example.com/a", "javascript:alert(1)") == "https://example.com/a");
    CHECK(preferred_key("https://www.example.com/a?utm_source=x", "/b") == "https://www.example.com/b");
}

TEST_CASE("keys are their own keys", "[dedup]") {
    for (const char* url :
         {"https://例子。中国./a/%2e%2E/b;jsessionid=1?utm_source=x&b=%41&a",
          "https://x.cdn.ampproject.org/c/s/x.cdn.ampproject.org/c/s/e.com/%7e?gclid=1",
          "http://mp.weixin.qq.com/s?__biz=a%3d%3D&sn=x&mid=1&idx=2&scene=3", "https://e.com:0443/%%41/漏洞?q=a|b"}) {
        INFO(url);
        const std::string key = url_key(url);
        CHECK(url_key(key) == key);
    }
}

TEST_CASE("non-URLs are kept as written", "[dedup]") { CHECK(url_key("  not a url ") == "not a url"); }
