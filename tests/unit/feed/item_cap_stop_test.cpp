// The item cap also stops the XML parser (issue 7, "a feed of 100,000 items"): after one element
// past the cap nothing more of the document is parsed, so its tree and the memory it takes stay
// those of max_items + 1 entries. Seen from outside: damage after the cap is never reported,
// damage before it is.
#include <catch2/catch.hpp>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::parse;
using dossier::feed::ParseOptions;
using feed_test::warned;

namespace {

/// `n` items of `element` (with <link> or <loc>), then a tail that is not well-formed XML.
std::string with_broken_tail(const std::string& root_open, const std::string& root_close, const std::string& element,
                             std::size_t n) {
    std::string doc = "<?xml version=\"1.0\"?>" + root_open;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string url = "https://cap.example.com/" + std::to_string(i);
        if (element == "item")
            doc += "<item><title>Item " + std::to_string(i) + "</title><link>" + url + "</link></item>";
        else if (element == "entry")
            doc += "<entry><title>Entry " + std::to_string(i) + "</title><link href=\"" + url + "\"/><id>" + url +
                   "</id><updated>2025-12-01T00:00:00Z</updated></entry>";
        else
            doc += "<url><loc>" + url + "</loc></url>";
    }
    return doc + "<broken attr=>unclosed <<" + root_close;
}

ParseOptions cap(std::size_t n) {
    ParseOptions o;
    o.max_items = n;
    return o;
}

}  // namespace

TEST_CASE("a document is read no further than one element past the item cap", "[feed]") {
    struct Shape {
        std::string open, close, element;
    };
    const Shape shapes[] = {
        {"<rss version=\"2.0\"><channel><title>c</title>", "</channel></rss>", "item"},
        {"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>c</title>", "</feed>", "entry"},
        {"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", "</urlset>", "url"},
    };
    for (const auto& shape : shapes) {
        INFO(shape.element);
        // Past the cap: the broken tail is never parsed, so no XML error is reported.
        const auto capped = parse(with_broken_tail(shape.open, shape.close, shape.element, 12), "https://cap.example.com/",
                                  cap(10));
        REQUIRE(capped);
        CHECK(capped->entries.size() == 10);
        CHECK(capped->entries.back().url == "https://cap.example.com/9");
        CHECK(warned(*capped, "feed: item cap 10 reached"));
        CHECK_FALSE(warned(*capped, "XML error"));
        // Under the cap the same tail is parsed, and its damage reported.
        const auto whole = parse(with_broken_tail(shape.open, shape.close, shape.element, 8), "https://cap.example.com/",
                                 cap(10));
        REQUIRE(whole);
        CHECK(whole->entries.size() == 8);
        CHECK_FALSE(warned(*whole, "item cap"));
        CHECK(warned(*whole, "XML error"));
    }
}

TEST_CASE("a parse stopped at the cap warns even when the items it read had no link", "[feed]") {
    std::string doc = "<rss version=\"2.0\"><channel><title>c</title>";
    for (int i = 0; i < 4; ++i) doc += "<item><title>no link</title></item>";
    doc += "<item><link>https://cap.example.com/later</link></item></channel></rss>";
    const auto feed = parse(doc, "https://cap.example.com/", cap(2));
    REQUIRE(feed);
    CHECK(feed->entries.empty());  // the linked item comes after the parser stopped
    CHECK(warned(*feed, "feed: item cap 2 reached"));
    CHECK(warned(*feed, "3 items without an http(s) link skipped"));
}

TEST_CASE("elements of the same name elsewhere do not count towards the cap", "[feed]") {
    // RSS counts <item> only: a channel image's <url> (a sitemap's entry name) does not stop
    // a feed of exactly as many items as the cap.
    const std::string doc =
        "<rss version=\"2.0\"><channel><title>c</title><image><url>https://cap.example.com/logo.png</url>"
        "<title>c</title><link>https://cap.example.com/</link></image>"
        "<item><link>https://cap.example.com/1</link></item><item><link>https://cap.example.com/2</link></item>"
        "<item><link>https://cap.example.com/3</link></item></channel></rss>";
    const auto all = parse(doc, "https://cap.example.com/", cap(3));
    REQUIRE(all);
    CHECK(all->entries.size() == 3);
    CHECK(all->warnings.empty());
}
