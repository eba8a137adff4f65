// Table-driven checks of URL keys on the URL shapes our target sites publish
// (/work/shared/corpus/security-news/SITE-NOTES.md, feeds/*.toml): pairs that name the same
// article must share a key, pairs that name different articles must not.
#include <catch2/catch.hpp>
#include <string>

#include "dossier/dedup/url_key.hpp"

using dossier::dedup::article_key;
using dossier::dedup::url_key;

namespace {

struct UrlPair {
    const char* what;
    const char* a;
    const char* b;
    bool same;
};

constexpr UrlPair k_pairs[] = {
    // anquanke: /post/id/<integer>
    {"anquanke: old link with a TOC anchor", "https://www.anquanke.com/post/id/210200#h2-3",
     "https://www.anquanke.com/post/id/210200", true},
    {"anquanke: case of scheme and host, explicit port", "HTTPS://WWW.ANQUANKE.COM:443/post/id/313963",
     "https://www.anquanke.com/post/id/313963", true},
    {"anquanke: shared to WeChat", "https://www.anquanke.com/post/id/285967?from=timeline&isappinstalled=0",
     "https://www.anquanke.com/post/id/285967", true},
    {"anquanke: raw and encoded Chinese tag", "https://www.anquanke.com/tag/漏洞",
     "https://www.anquanke.com/tag/%e6%bc%8f%e6%b4%9e", true},
    {"anquanke: API query order", "https://api.anquanke.com/data/v1/posts?size=20&page=1",
     "https://api.anquanke.com/data/v1/posts?page=1&size=20", true},
    {"anquanke: next post", "https://www.anquanke.com/post/id/313963", "https://www.anquanke.com/post/id/313964",
     false},
    {"anquanke: API pages", "https://api.anquanke.com/data/v1/posts?size=20&page=1",
     "https://api.anquanke.com/data/v1/posts?size=20&page=2", false},
    {"anquanke: member pages", "https://www.anquanke.com/member.html?memberId=148028",
     "https://www.anquanke.com/member.html?memberId=148029", false},
    {"anquanke: index.html is not the directory (deliberate)", "https://www.anquanke.com/column/index.html",
     "https://www.anquanke.com/column/", false},
    // freebuf: /articles/<section>/<id>.html, /news/<id>.html
    {"freebuf: Aliyun click-position tag", "https://www.freebuf.com/articles/web/421209.html?spm=a2c4e.10696291.0.0",
     "https://www.freebuf.com/articles/web/421209.html", true},
    {"freebuf: shared from a WeChat session",
     "https://www.freebuf.com/news/353548.html?utm_source=wechat_session&utm_medium=social&utm_oi=7788",
     "https://www.freebuf.com/news/353548.html", true},
    {"freebuf: dot segments", "https://www.freebuf.com/articles/./web/../web/421209.html",
     "https://www.freebuf.com/articles/web/421209.html", true},
    {"freebuf: section differs", "https://www.freebuf.com/articles/web/421209.html",
     "https://www.freebuf.com/articles/es/421209.html", false},
    {"freebuf: old WordPress ?p= ids", "https://www.freebuf.com/?p=12345", "https://www.freebuf.com/?p=12346", false},
    // 4hou: /posts/<base62 id>
    {"4hou: empty query", "https://www.4hou.com/posts/03x5?", "https://www.4hou.com/posts/03x5", true},
    {"4hou: share token and comment anchor",
     "https://www.4hou.com/posts/KG4z?share_token=9f1c&from=groupmessage#comment", "https://www.4hou.com/posts/KG4z",
     true},
    {"4hou: ids are case-sensitive", "https://www.4hou.com/posts/KG4z", "https://www.4hou.com/posts/kg4z", false},
    // paper.seebug.org: /<integer>/
    {"seebug: heading anchor", "https://paper.seebug.org/1877/#41-vulnerability-analysis",
     "https://paper.seebug.org/1877/", true},
    {"seebug: default http port", "http://paper.seebug.org:80/1230/", "http://paper.seebug.org/1230/", true},
    {"seebug: encoded digits", "https://paper.seebug.org/%31%30%30%34/", "https://paper.seebug.org/1004/", true},
    {"seebug: different paper", "https://paper.seebug.org/1004/", "https://paper.seebug.org/1040/", false},
    {"seebug: trailing slash is kept (deliberate)", "https://paper.seebug.org/1877", "https://paper.seebug.org/1877/",
     false},
    // thehackernews (FeedBurner feed): /YYYY/MM/<slug>.html
    {"thehackernews: FeedBurner campaign tags",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html?utm_source=feedburner&utm_medium=feed&"
     "utm_campaign=Feed%3A+TheHackersNews+%28The+Hackers+News+-+Cybersecurity+Blog%29",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html", true},
    {"thehackernews: FeedBurner e-mail",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html?utm_source=feedburner&utm_medium=email",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html#comments", true},
    {"thehackernews: same slug, another month", "https://thehackernews.com/2025/01/weekly-recap.html",
     "https://thehackernews.com/2025/02/weekly-recap.html", false},
    {"thehackernews: label listings", "https://thehackernews.com/search/label/Vulnerability",
     "https://thehackernews.com/search/label/vulnerability", false},
    // bleepingcomputer: /news/security/<slug>/
    {"bleepingcomputer: Facebook click id",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/?fbclid=IwAR3xYzAbC",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/", true},
    {"bleepingcomputer: AMP cache copy",
     "https://www-bleepingcomputer-com.cdn.ampproject.org/c/s/www.bleepingcomputer.com/news/security/"
     "ransomware-gang-leaks-data/?amp_js_v=0.1&usqp=mq331AQ",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/", true},
    {"bleepingcomputer: www is not dropped by the key (deliberate)",
     "https://bleepingcomputer.com/news/security/ransomware-gang-leaks-data/",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/", false},
    // securityweek (WordPress): /<slug>/
    {"securityweek: Mailchimp newsletter",
     "https://www.securityweek.com/cisa-warns-of-exploited-flaw/?mc_cid=7c6e3b2a1f&mc_eid=ab12cd34ef",
     "https://www.securityweek.com/cisa-warns-of-exploited-flaw/", true},
    {"securityweek: HubSpot e-mail",
     "https://www.securityweek.com/cisa-warns-of-exploited-flaw/?_hsenc=p2ANqtz-8xYz&_hsmi=297581234",
     "https://www.securityweek.com/cisa-warns-of-exploited-flaw/", true},
    {"securityweek: WordPress ?p= ids", "https://www.securityweek.com/?p=12345",
     "https://www.securityweek.com/?p=12346", false},
    // krebsonsecurity: /YYYY/MM/<slug>/
    {"krebsonsecurity: Google Ads click id and trailing-dot host",
     "https://krebsonsecurity.com./2025/01/a-day-in-the-life/?gclid=Cj0KCQiA",
     "https://krebsonsecurity.com/2025/01/a-day-in-the-life/", true},
    {"krebsonsecurity: comment anchor", "https://krebsonsecurity.com/2025/01/a-day-in-the-life/#comment-612345",
     "https://krebsonsecurity.com/2025/01/a-day-in-the-life/", true},
    {"krebsonsecurity: different post", "https://krebsonsecurity.com/2025/01/a-day-in-the-life/",
     "https://krebsonsecurity.com/2025/01/a-day-in-the-life-2/", false},
    // therecord.media: /<slug>
    {"therecord: newsletter tags",
     "https://therecord.media/ransomware-attack-hospital?utm_source=newsletter&utm_medium=email&utm_campaign=daily",
     "https://therecord.media/ransomware-attack-hospital", true},
    {"therecord: LinkedIn and X click ids",
     "https://therecord.media/ransomware-attack-hospital?li_fat_id=abc&twclid=2-xyz",
     "https://therecord.media/ransomware-attack-hospital", true},
    // darkreading: /<section>/<slug>
    {"darkreading: Informa newsletter tag",
     "https://www.darkreading.com/vulnerabilities-threats/patch-now?_mc=NL_DR_EDT_DR_daily_20250106",
     "https://www.darkreading.com/vulnerabilities-threats/patch-now", true},
    {"darkreading: Microsoft Ads click id",
     "https://www.darkreading.com/vulnerabilities-threats/patch-now?msclkid=5d2f",
     "https://www.darkreading.com/vulnerabilities-threats/patch-now", true},
    {"darkreading: section is part of the path", "https://www.darkreading.com/vulnerabilities-threats/patch-now",
     "https://www.darkreading.com/cyberattacks-data-breaches/patch-now", false},
    // WeChat official-account articles
    {"wechat: share and client parameters",
     "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=1&sn=4b0d3a5e8e1f2a3b4c5d6e7f8a9b0c1d&"
     "chksm=eaa5a0c8ddd229de&scene=21&srcid=0105abc&sharer_sharetime=1736000000000&sharer_shareid=9a8b&key=x&"
     "ascene=1&uin=MTIz&devicetype=Windows&pass_ticket=zz#wechat_redirect",
     "https://mp.weixin.qq.com/s?sn=4b0d3a5e8e1f2a3b4c5d6e7f8a9b0c1d&idx=1&mid=2247483712&__biz=MzI2NDk0MTM5MQ==",
     true},
    {"wechat: http link and encoded base64 padding",
     "http://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ%3D%3D&mid=2247483712&idx=1&sn=4b0d&from=timeline",
     "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=1&sn=4b0d", true},
    {"wechat: short form with share noise", "https://mp.weixin.qq.com/s/Xa1B2c3D4e5F6g7H8i9J0k?scene=1&poc_token=HEx",
     "https://mp.weixin.qq.com/s/Xa1B2c3D4e5F6g7H8i9J0k", true},
    {"wechat: different sn", "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=1&sn=4b0d",
     "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=1&sn=9e2f", false},
    {"wechat: second article of the same push",
     "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=1&sn=4b0d",
     "https://mp.weixin.qq.com/s?__biz=MzI2NDk0MTM5MQ==&mid=2247483712&idx=2&sn=4b0d", false},
    {"wechat: short-form ids are case-sensitive", "https://mp.weixin.qq.com/s/Xa1B2c3D4e5F6g7H8i9J0k",
     "https://mp.weixin.qq.com/s/xa1b2c3d4e5f6g7h8i9j0k", false},
    {"wechat: Sogou temporary links are not reduced",
     "https://mp.weixin.qq.com/s?src=11&timestamp=1736000000&ver=5&signature=AbC",
     "https://mp.weixin.qq.com/s?src=11&timestamp=1736000000&ver=5&signature=XyZ", false},
    {"wechat: album pages keep album_id",
     "https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzI2NDk0MTM5MQ==&action=getalbum&album_id=1",
     "https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzI2NDk0MTM5MQ==&action=getalbum&album_id=2", false},
    // Other shapes met in feeds and shared links
    {"servlet site: jsessionid path parameter",
     "https://www.cnvd.org.cn/flaw/show/CNVD-2025-01234;jsessionid=6F2A9C0B1D",
     "https://www.cnvd.org.cn/flaw/show/CNVD-2025-01234", true},
    {"PHP site: session id in the query", "https://www.hackernews.cc/archives/56789?PHPSESSID=c0ffee12",
     "https://www.hackernews.cc/archives/56789", true},
    {"Baijiahao: crawler tag, article id kept", "https://baijiahao.baidu.com/s?id=1820412345678901234&wfr=spider",
     "https://baijiahao.baidu.com/s?id=1820412345678901234", true},
    {"Baijiahao: different ids", "https://baijiahao.baidu.com/s?id=1820412345678901234",
     "https://baijiahao.baidu.com/s?id=1820412345678901235", false},
    {"generic CMS: ?aid=", "https://www.example.com.cn/news/show.php?aid=101&spm=1.2",
     "https://www.example.com.cn/news/show.php?aid=102", false},
    {"generic CMS: ?articleid= case of value", "https://www.example.com.cn/view.asp?articleid=Ab12",
     "https://www.example.com.cn/view.asp?articleid=ab12", false},
    {"Chinese IDN host and its A-label", "https://网络安全.中国/news/1.html",
     "https://xn--15qt0wdv3amna.xn--fiqs8s/news/1.html", true},
    {"encoded '/' is not a path separator", "https://www.freebuf.com/articles/web%2F421209.html",
     "https://www.freebuf.com/articles/web/421209.html", false},
    {"'+' and %20 are not equated (deliberate)", "https://www.bleepingcomputer.com/search/?q=zero+day",
     "https://www.bleepingcomputer.com/search/?q=zero%20day", false},
    {"http and https are not equated (deliberate)", "http://www.freebuf.com/news/353548.html",
     "https://www.freebuf.com/news/353548.html", false},
    {"another port is another server", "https://www.anquanke.com:8443/post/id/210200",
     "https://www.anquanke.com/post/id/210200", false},
};

}  // namespace

TEST_CASE("real-world URL pairs share a key exactly when they name the same article", "[dedup]") {
    for (const UrlPair& p : k_pairs) {
        INFO(p.what << "\n  a: " << p.a << " -> " << url_key(p.a) << "\n  b: " << p.b << " -> " << url_key(p.b));
        CHECK((url_key(p.a) == url_key(p.b)) == p.same);
    }
}

TEST_CASE("every real-world pair URL's key is its own key", "[dedup]") {
    for (const UrlPair& p : k_pairs) {
        for (const char* url : {p.a, p.b}) {
            INFO(url);
            const std::string key = url_key(url);
            CHECK(url_key(key) == key);
        }
    }
}

namespace {

struct CanonicalCase {
    const char* what;
    const char* fetched;
    const char* declared;
    const char* expected;
};

constexpr CanonicalCase k_canonical_cases[] = {
    {"same-site canonical wins and is keyed", "https://www.anquanke.com/post/id/313963?utm_source=rss",
     "https://www.anquanke.com/post/id/313963?from=timeline#top", "https://www.anquanke.com/post/id/313963"},
    {"mobile host declares the desktop page", "https://m.freebuf.com/articles/web/421209.html",
     "https://www.freebuf.com/articles/web/421209.html", "https://www.freebuf.com/articles/web/421209.html"},
    {"bare host declares www", "https://bleepingcomputer.com/news/security/ransomware-gang-leaks-data/",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/",
     "https://www.bleepingcomputer.com/news/security/ransomware-gang-leaks-data/"},
    {"AMP page declares its canonical", "https://amp.thehackernews.com/thn/2025/12/critical-mongodb-flaw.html",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html"},
    {"AMP cache copy declares the origin page",
     "https://www-bleepingcomputer-com.cdn.ampproject.org/c/s/www.bleepingcomputer.com/amp/news/security/x/",
     "https://www.bleepingcomputer.com/news/security/x/", "https://www.bleepingcomputer.com/news/security/x/"},
    {"sibling subdomain of the same site", "https://api.anquanke.com/data/v1/post?id=313963",
     "https://www.anquanke.com/post/id/313963", "https://www.anquanke.com/post/id/313963"},
    {"http page declares https", "http://www.freebuf.com/news/353548.html", "https://www.freebuf.com/news/353548.html",
     "https://www.freebuf.com/news/353548.html"},
    {"absolute-path canonical resolves", "https://www.freebuf.com/articles/web/421209.html?spm=x",
     "/articles/web/421209.html", "https://www.freebuf.com/articles/web/421209.html"},
    {"network-path canonical resolves", "https://www.4hou.com/posts/KG4z?from=timeline", "//www.4hou.com/posts/KG4z",
     "https://www.4hou.com/posts/KG4z"},
    {"translation declaring the original: syndication is ignored", "https://www.anquanke.com/post/id/210200",
     "https://thehackernews.com/2020/07/x.html", "https://www.anquanke.com/post/id/210200"},
    {"republished copy declaring the publisher", "https://www.hackernews.cc/archives/56789",
     "https://thehackernews.com/2025/12/critical-mongodb-flaw.html", "https://www.hackernews.cc/archives/56789"},
    {"two blogs on one hosting suffix", "https://alice.blogspot.com/2025/01/post.html",
     "https://bob.blogspot.com/2025/01/post.html", "https://alice.blogspot.com/2025/01/post.html"},
    {"two sites under com.cn", "https://www.example.com.cn/a.html", "https://other.com.cn/a.html",
     "https://www.example.com.cn/a.html"},
    {"canonical to the home page is a template error", "https://www.securityweek.com/cisa-warns-of-exploited-flaw/",
     "https://www.securityweek.com/", "https://www.securityweek.com/cisa-warns-of-exploited-flaw/"},
    {"WordPress ?p= page declaring the home page", "https://www.securityweek.com/?p=12345", "/",
     "https://www.securityweek.com/?p=12345"},
    {"the home page may declare itself", "https://www.securityweek.com/?utm_source=x", "https://securityweek.com/",
     "https://securityweek.com/"},
    {"path-relative template debris is ignored", "https://www.4hou.com/posts/KG4z", "undefined",
     "https://www.4hou.com/posts/KG4z"},
    {"malformed canonical: no host", "https://www.4hou.com/posts/KG4z", "https://", "https://www.4hou.com/posts/KG4z"},
    {"malformed canonical: broken IPv6 literal", "https://www.4hou.com/posts/KG4z", "http://[::1/a",
     "https://www.4hou.com/posts/KG4z"},
    {"malformed canonical: not http(s)", "https://www.4hou.com/posts/KG4z", "javascript:void(0)",
     "https://www.4hou.com/posts/KG4z"},
    {"blank canonical", "https://www.4hou.com/posts/KG4z#c", "  \n", "https://www.4hou.com/posts/KG4z"},
    {"saved file: absolute canonical wins", "file:///home/u/saved/anquanke-1.html",
     "https://www.anquanke.com/post/id/285967", "https://www.anquanke.com/post/id/285967"},
};

}  // namespace

TEST_CASE("article_key prefers a same-site declared canonical and ignores the rest", "[dedup]") {
    for (const CanonicalCase& c : k_canonical_cases) {
        INFO(c.what << "\n  fetched: " << c.fetched << "\n  declared: " << c.declared);
        const std::string key = article_key(c.fetched, c.declared);
        CHECK(key == c.expected);
        CHECK(url_key(key) == key);
    }
}
