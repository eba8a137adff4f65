// The pipeline's dedup stage over a real store: copies join their story's group (never
// dropped), attribution lines link to the archived original, the earliest copy is the
// original unless an attribution says otherwise, and a changed page becomes a revision.
#include <catch2/catch.hpp>

#include "dossier/crawl/pipeline.hpp"
#include "dossier/crawl/story_linker.hpp"
#include "temp_store.hpp"

using namespace dossier;

namespace {

using crawl::test::TempStore;

// About 170 words in six paragraphs: enough 3-word shingles for a fingerprint.
const std::vector<std::string> k_story = {
    "Researchers at a security firm have found that attackers are exploiting a critical flaw in a widely used "
    "file transfer product to steal data from hundreds of organisations across Europe and Asia.",
    "The vulnerability, tracked as CVE-2025-59934, lets an unauthenticated attacker upload a web shell and run "
    "commands on the server with the privileges of the service account.",
    "According to the report, the first attacks were seen on the twelfth of the month, two days before the "
    "vendor published an advisory and a patched release for every supported branch.",
    "The researchers linked the campaign to a ransomware group that has used the same technique against other "
    "transfer products in the past, leaving ransom notes on the compromised systems.",
    "Administrators are urged to install the update at once, to look for unknown files in the upload folder "
    "and to rotate every credential the service could read.",
    "The vendor said that customers of its hosted service were patched automatically and that it had found "
    "no evidence that the hosted environment was accessed by the attackers."};

const std::vector<std::string> k_other = {
    "A new phishing kit sold on underground forums targets users of a popular password manager with pages "
    "that copy the real login form down to the last pixel and the smallest animation.",
    "The kit ships with a control panel that shows stolen vault credentials in real time, and its authors "
    "offer monthly subscriptions with support and updates for new browser versions.",
    "Security teams should enable phishing resistant multi factor authentication and teach staff to check "
    "the address bar before they enter a master password anywhere on the web.",
    "The researchers who found the kit said that at least forty domains were registered for it over the "
    "past three weeks, most of them with lookalike names and free certificates."};

std::string join(const std::vector<std::string>& paras) {
    std::string out;
    for (const auto& p : paras) out += "<p>" + p + "</p>";
    return out;
}

core::Capture page(const std::string& url, const std::string& title, const std::string& date,
                   const std::string& body_html, const std::string& chrome = "") {
    core::Capture c;
    c.url = url;
    c.status = 200;
    c.fetched_at = 1766472952;
    c.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    c.body = "<html lang=en><head><title>" + title + "</title><meta property='article:published_time' content='" +
             date + "'></head><body><nav>Home News About</nav>" + chrome + "<article><h1>" + title + "</h1>" +
             body_html + "</article><footer>Copyright</footer></body></html>";
    c.ref = {"run.warc.gz", 100, 2000};
    return c;
}

core::Article stored(TempStore& t, const std::string& url) {
    auto id = t.store->find_by_url(url);
    REQUIRE(id);
    REQUIRE(*id);
    auto a = t.store->get(**id);
    REQUIRE(a);
    REQUIRE(*a);
    return **a;
}

}  // namespace

TEST_CASE("an edited copy on another site is stored and joins the original's story", "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    std::vector<std::string> edited = k_story;
    edited[0] = "Security researchers have found that attackers are actively exploiting a critical flaw in a "
                "widely used file transfer product to steal data from hundreds of organisations in Europe and Asia.";
    edited[4] = "Admins should install the update now, look for unknown files in the upload folder and rotate "
                "every credential the service could read.";
    CHECK(pipeline.process(page("https://a.example.com/2025/flaw", "Flaw exploited", "2025-12-14T08:00:00Z",
                                join(k_story)),
                           tally) == crawl::Outcome::stored);
    CHECK(pipeline.process(page("https://b.example.org/news/copy", "Flaw exploited (copy)", "2025-12-14T10:00:00Z",
                                join(edited), "<aside>Related: ten other stories</aside>"),
                           tally) == crawl::Outcome::stored);
    CHECK(pipeline.process(page("https://c.example.net/other", "Phishing kit", "2025-12-14T09:00:00Z", join(k_other)),
                           tally) == crawl::Outcome::stored);
    REQUIRE(pipeline.finish());
    CHECK(tally.stored == 3);
    CHECK(tally.copies == 1);

    const core::Article first = stored(t, "https://a.example.com/2025/flaw");
    const core::Article copy = stored(t, "https://b.example.org/news/copy");
    const core::Article other = stored(t, "https://c.example.net/other");
    CHECK(first.group_id == first.id);
    CHECK(first.relation.empty());
    CHECK(copy.group_id == first.id);
    // Four of six paragraphs verbatim: containment passes 0.8, which judge() ranks over Jaccard.
    CHECK(copy.relation == "same_story");
    CHECK(other.group_id == other.id);
    auto story = t.store->story(first.id);
    REQUIRE(story);
    REQUIRE(*story);
    CHECK((*story)->original_id == first.id);
    REQUIRE((*story)->members.size() == 2);
    CHECK((*story)->members[0].id == first.id);
    CHECK((*story)->members[1].id == copy.id);
    CHECK((*story)->members[1].source_id == "b.example.org");
}

TEST_CASE("a half-length excerpt and a verbatim repost join the story too", "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    const std::vector<std::string> half(k_story.begin(), k_story.begin() + 3);
    pipeline.process(page("https://a.example.com/full", "Flaw", "2025-12-14T08:00:00Z", join(k_story)), tally);
    pipeline.process(page("https://b.example.com/excerpt", "Flaw excerpt", "2025-12-14T09:00:00Z", join(half)), tally);
    pipeline.process(page("https://c.example.com/repost", "Flaw repost", "2025-12-14T11:00:00Z", join(k_story)), tally);
    REQUIRE(pipeline.finish());
    CHECK(tally.stored == 3);
    const core::Article full = stored(t, "https://a.example.com/full");
    const core::Article excerpt = stored(t, "https://b.example.com/excerpt");
    const core::Article repost = stored(t, "https://c.example.com/repost");
    CHECK(excerpt.group_id == full.id);
    CHECK(excerpt.relation == "same_story");
    CHECK(repost.group_id == full.id);
    CHECK(repost.relation == "exact");
}

TEST_CASE("the earliest published copy is the story's original, whichever arrives first", "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    pipeline.process(page("https://late.example.com/x", "Flaw", "2025-12-15T08:00:00Z", join(k_story)), tally);
    pipeline.process(page("https://early.example.com/y", "Flaw", "2025-12-14T08:00:00+08:00", join(k_story)), tally);
    REQUIRE(pipeline.finish());
    const core::Article late = stored(t, "https://late.example.com/x");
    const core::Article early = stored(t, "https://early.example.com/y");
    CHECK(early.group_id == late.id);
    auto story = t.store->story(late.id);
    REQUIRE(story);
    REQUIRE(*story);
    CHECK((*story)->original_id == early.id);
}

TEST_CASE("an attribution line names the origin and links a translation to the archived original",
          "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    pipeline.process(page("https://www.example-en.com/articles/flaw-123.html?utm_source=rss", "Flaw",
                          "2025-12-14T08:00:00Z", join(k_story)),
                     tally);
    const std::string zh =
        "<p>研究人员发现，攻击者正在利用一款广泛使用的文件传输产品中的严重漏洞，从欧洲和亚洲的数百个组织窃取数据。</p>"
        "<p>该漏洞编号为CVE-2025-59934，未经身份验证的攻击者可以上传网页后门，并以服务账户的权限在服务器上执行命令。</p>"
        "<p>管理员应立即安装更新，检查上传目录中的未知文件，并更换服务可以读取的所有凭据。</p>"
        "<p>本文编译自 Example News</p><p>原文链接：https://www.example-en.com/articles/flaw-123.html</p>";
    CHECK(pipeline.process(page("https://zh.example.cn/post/9", "漏洞被利用", "2025-12-14T20:00:00+08:00", zh),
                           tally) == crawl::Outcome::stored);
    REQUIRE(pipeline.finish());
    const core::Article en = stored(t, "https://www.example-en.com/articles/flaw-123.html");
    const core::Article translation = stored(t, "https://zh.example.cn/post/9");
    CHECK(translation.origin_name == "Example News");
    CHECK(translation.origin_url == "https://www.example-en.com/articles/flaw-123.html");
    CHECK(translation.origin_id == en.id);
    CHECK(translation.group_id == en.id);
    CHECK(translation.relation == "cites");
    auto story = t.store->story(en.id);
    REQUIRE(story);
    REQUIRE(*story);
    CHECK((*story)->original_id == en.id);
}

TEST_CASE("an original stored after the copy that cites it becomes the story's original", "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    const std::string copy_html = "<p>本文转载自：FreeBuf</p><p>原文链接：https://www.freebuf.com/articles/web/123.html</p>" +
                                  join(k_other);
    pipeline.process(page("https://repost.example.cn/a/1", "Kit", "2025-12-10T08:00:00Z", copy_html), tally);
    REQUIRE(pipeline.finish());
    core::Article copy = stored(t, "https://repost.example.cn/a/1");
    CHECK(copy.origin_name == "FreeBuf");
    CHECK(copy.origin_id == 0);
    CHECK(copy.group_id == copy.id);
    // The original arrives later, with a later date (sites often date reposts first): the
    // explicit attribution still makes it the original.
    pipeline.process(page("https://www.freebuf.com/articles/web/123.html", "Kit", "2025-12-11T08:00:00Z",
                          join(k_other)),
                     tally);
    REQUIRE(pipeline.finish());
    const core::Article original = stored(t, "https://www.freebuf.com/articles/web/123.html");
    copy = stored(t, "https://repost.example.cn/a/1");
    CHECK(copy.origin_id == original.id);
    CHECK(original.group_id == copy.group_id);
    auto story = t.store->story(copy.group_id);
    REQUIRE(story);
    REQUIRE(*story);
    CHECK((*story)->original_id == original.id);
}

TEST_CASE("a stored URL fetched again with a changed body keeps both versions", "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    const std::string url = "https://a.example.com/2025/flaw";
    pipeline.process(page(url, "Flaw exploited", "2025-12-14T08:00:00Z", join(k_story)), tally);
    CHECK(pipeline.process(page(url, "Flaw exploited", "2025-12-14T08:00:00Z", join(k_story)), tally) ==
          crawl::Outcome::duplicate);
    std::vector<std::string> updated = k_story;
    updated.push_back("Update: the vendor has now confirmed that the zeroday was used by Clop affiliates.");
    core::Capture again = page(url, "Flaw exploited (updated)", "2025-12-14T08:00:00Z", join(updated));
    again.fetched_at += 86400;
    again.ref = {"run2.warc.gz", 400, 2500};
    CHECK(pipeline.process(again, tally) == crawl::Outcome::revised);
    REQUIRE(pipeline.finish());
    CHECK(tally.stored == 1);
    CHECK(tally.duplicate == 1);
    CHECK(tally.revised == 1);

    const core::Article now = stored(t, url);
    CHECK(now.title == "Flaw exploited (updated)");
    CHECK(now.capture.warc_file == "run2.warc.gz");
    auto revisions = t.store->revisions(now.id);
    REQUIRE(revisions);
    REQUIRE(revisions->size() == 2);
    CHECK((*revisions)[0].number == 1);
    CHECK_FALSE((*revisions)[0].current);
    CHECK((*revisions)[0].title == "Flaw exploited");
    CHECK((*revisions)[0].capture.warc_file == "run.warc.gz");
    CHECK((*revisions)[0].text.find("zeroday") == std::string::npos);
    CHECK((*revisions)[1].current);
    CHECK((*revisions)[1].text.find("zeroday") != std::string::npos);
    // Search holds the newest text only, and the article is still one row.
    auto hits = t.store->search("zeroday", {}, store::SortOrder::newest);
    REQUIRE(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->front().article.id == now.id);
    auto old_title = t.store->search("title:\"exploited (updated)\"", {}, store::SortOrder::newest);
    REQUIRE(old_title);
    CHECK(old_title->size() == 1);
    auto n = t.store->count("", {});
    REQUIRE(n);
    CHECK(*n == 1);
    REQUIRE(t.store->check_index());
}

TEST_CASE("an index entry is fetched when new, or when its updated date is after the stored capture",
          "[crawl][dedup]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    pipeline.process(page("https://a.example.com/flaw", "Flaw", "2025-12-14T08:00:00Z", join(k_story)), tally);
    REQUIRE(pipeline.finish());
    core::Entry e;
    e.url = "https://a.example.com/flaw?utm_medium=feed";
    auto plain = pipeline.needs_fetch(e);
    REQUIRE(plain);
    CHECK_FALSE(*plain);
    e.updated = core::DateTime{1766472952 - 3600, 0, core::DateTime::Precision::second};
    auto older = pipeline.needs_fetch(e);
    REQUIRE(older);
    CHECK_FALSE(*older);
    e.updated = core::DateTime{1766472952 + 3600, 0, core::DateTime::Precision::second};
    auto newer = pipeline.needs_fetch(e);
    REQUIRE(newer);
    CHECK(*newer);
    // An `updated` a minute after `published` is the publication, not an edit.
    e.published = core::DateTime{1766472952 + 3540, 0, core::DateTime::Precision::second};
    auto same = pipeline.needs_fetch(e);
    REQUIRE(same);
    CHECK_FALSE(*same);
    core::Entry unknown;
    unknown.url = "https://a.example.com/other";
    auto fresh = pipeline.needs_fetch(unknown);
    REQUIRE(fresh);
    CHECK(*fresh);
}

TEST_CASE("articles stored without a fingerprint get one, and later copies then find them", "[crawl][dedup]") {
    TempStore t;
    // As an archive from before story groups holds them: rows without fingerprints.
    core::Article old;
    old.url = old.canonical_url = "https://old.example.com/flaw";
    old.title = "Flaw";
    for (const auto& p : k_story) old.text += (old.text.empty() ? "" : "\n\n") + p;
    old.source_id = "old.example.com";
    auto id = t.store->put(old);
    REQUIRE(id);
    auto n = crawl::fingerprint_missing(*t.store);
    REQUIRE(n);
    CHECK(*n == 1);
    auto again = crawl::fingerprint_missing(*t.store);
    REQUIRE(again);
    CHECK(*again == 0);
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    pipeline.process(page("https://new.example.org/copy", "Flaw", "2025-12-14T08:00:00Z", join(k_story)), tally);
    REQUIRE(pipeline.finish());
    CHECK(stored(t, "https://new.example.org/copy").group_id == *id);
}
