#include <catch2/catch.hpp>

#include "dossier/crawl/pipeline.hpp"
#include "temp_store.hpp"

using namespace dossier;

namespace {

using crawl::test::TempStore;

core::Capture page(std::string url, std::string body_text, int status = 200) {
    core::Capture c;
    c.url = std::move(url);
    c.status = status;
    c.fetched_at = 1766472952;
    c.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    c.body = "<html lang=en><head><title>Patch now | Example News</title></head><body><nav>Home News About</nav>"
             "<article><h1>Patch now</h1><p>" + body_text + "</p><p>The vendor released fixes on Monday, and "
             "administrators should apply them at once, researchers said.</p></article></body></html>";
    c.ref = {"run.warc.gz", 100, 2000};
    return c;
}

}  // namespace

TEST_CASE("the pipeline stores a new article with its capture reference and provenance", "[crawl]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    const auto outcome = pipeline.process(
        page("https://news.example.com/a?utm_source=rss", "Attackers are exploiting CVE-2025-59934 in the wild."), tally);
    REQUIRE(pipeline.finish());
    CHECK(outcome == crawl::Outcome::stored);
    CHECK(tally.stored == 1);
    auto id = t.store->find_by_url("https://news.example.com/a");
    REQUIRE(id);
    REQUIRE(*id);
    auto article = t.store->get(**id);
    REQUIRE(article);
    REQUIRE(*article);
    const core::Article& a = **article;
    CHECK(a.url == "https://news.example.com/a?utm_source=rss");
    CHECK(a.canonical_url == "https://news.example.com/a");
    CHECK(a.source_id == "news.example.com");
    CHECK(a.capture.warc_file == "run.warc.gz");
    CHECK(a.capture.offset == 100);
    CHECK(a.fetched_at == 1766472952);
    CHECK(a.body_hash.size() == 40);
    CHECK_FALSE(a.extractor_version.empty());
    CHECK(a.text.find("CVE-2025-59934") != std::string::npos);
    CHECK(a.text.find("Home News About") == std::string::npos);
}

TEST_CASE("the same URL again is a duplicate; the same body at another URL is a stored copy", "[crawl]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    const std::string text = "Attackers are exploiting CVE-2025-59934 in the wild, the advisory says.";
    CHECK(pipeline.process(page("https://news.example.com/a", text), tally) == crawl::Outcome::stored);
    CHECK(pipeline.process(page("https://NEWS.example.com/a#comments", text), tally) == crawl::Outcome::duplicate);
    CHECK(pipeline.process(page("https://mirror.example.org/copy", text), tally) == crawl::Outcome::stored);
    CHECK(pipeline.process(page("https://news.example.com/b", "A different story about another flaw entirely."), tally) ==
          crawl::Outcome::stored);
    REQUIRE(pipeline.finish());
    CHECK(tally.stored == 3);
    CHECK(tally.copies == 1);
    CHECK(tally.duplicate == 1);
    auto n = t.store->count("", {});
    REQUIRE(n);
    CHECK(*n == 3);
    // The copy is linked to the first article's story, never dropped.
    auto first = t.store->find_by_url("https://news.example.com/a");
    auto copy = t.store->find_by_url("https://mirror.example.org/copy");
    REQUIRE((first && *first && copy && *copy));
    auto copy_article = t.store->get(**copy);
    REQUIRE((copy_article && *copy_article));
    CHECK((*copy_article)->group_id == **first);
    CHECK((*copy_article)->relation == "exact");
}

TEST_CASE("a page without an article fails with a reason and an error status is skipped", "[crawl]") {
    TempStore t;
    crawl::Pipeline pipeline(*t.store, {});
    crawl::Tally tally;
    core::Capture empty = page("https://news.example.com/empty", "");
    empty.body = "<html><body><nav><a href=/1>One</a> <a href=/2>Two</a></nav></body></html>";
    CHECK(pipeline.process(empty, tally) == crawl::Outcome::failed);
    CHECK(pipeline.process(page("https://news.example.com/gone", "x", 404), tally) == crawl::Outcome::skipped);
    REQUIRE(pipeline.finish());
    REQUIRE(tally.failures.size() == 1);
    CHECK(tally.failures[0].stage == "extract");
    CHECK(tally.failures[0].message.find("body") != std::string::npos);
    CHECK(tally.skipped() == 1);
}

TEST_CASE("the pipeline commits in batches and runs the durability hook before each commit", "[crawl]") {
    TempStore t;
    int hook_calls = 0;
    crawl::PipelineOptions options;
    options.batch_size = 2;
    options.source_id = "example";
    options.before_commit = [&hook_calls]() -> core::Result<void> {
        ++hook_calls;
        return {};
    };
    crawl::Pipeline pipeline(*t.store, options);
    crawl::Tally tally;
    for (int i = 0; i < 5; ++i)
        pipeline.process(page("https://news.example.com/" + std::to_string(i),
                              "Story number " + std::to_string(i) + " about a separate incident."),
                         tally);
    REQUIRE(pipeline.finish());
    CHECK(tally.stored == 5);
    CHECK(hook_calls == 3);  // after 2, after 4, and the final partial batch
    auto got = t.store->get(*t.store->find_by_url("https://news.example.com/3").value());
    CHECK((*got)->source_id == "example");
}

TEST_CASE("a failing durability hook rolls the batch back", "[crawl]") {
    TempStore t;
    crawl::PipelineOptions options;
    options.before_commit = []() -> core::Result<void> { return core::fail("archive: disk full"); };
    crawl::Pipeline pipeline(*t.store, options);
    crawl::Tally tally;
    pipeline.process(page("https://news.example.com/a", "A story that will not be committed."), tally);
    auto finished = pipeline.finish();
    REQUIRE_FALSE(finished);
    CHECK(finished.error().message == "archive: disk full");
    auto n = t.store->count("", {});
    REQUIRE(n);
    CHECK(*n == 0);
}
