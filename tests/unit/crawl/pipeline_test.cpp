#include <catch2/catch.hpp>

#include "dossier/crawl/pipeline.hpp"

using dossier::core::Capture;
using dossier::crawl::is_html;
using dossier::crawl::source_id_for;

namespace {
Capture capture(std::string type, std::string body) {
    Capture c;
    if (!type.empty()) c.headers.emplace_back("Content-Type", std::move(type));
    c.body = std::move(body);
    return c;
}
}  // namespace

TEST_CASE("HTML is recognised by media type, or sniffed when the type says nothing", "[crawl]") {
    CHECK(is_html(capture("text/html; charset=gbk", "")));
    CHECK(is_html(capture("application/xhtml+xml", "")));
    CHECK_FALSE(is_html(capture("image/png", "<html>")));
    CHECK_FALSE(is_html(capture("application/json", "{}")));
    CHECK(is_html(capture("", "\xEF\xBB\xBF  <!DOCTYPE html><html>")));
    CHECK(is_html(capture("text/plain", "<HTML><body>")));
    CHECK_FALSE(is_html(capture("application/octet-stream", "\x89PNG\r\n")));
    CHECK_FALSE(is_html(capture("", "plain words")));
}

TEST_CASE("a page without a configured source is filed under its host", "[crawl]") {
    CHECK(source_id_for("https://www.anquanke.com/post/id/1") == "anquanke.com");
    CHECK(source_id_for("https://paper.seebug.org/3000/") == "paper.seebug.org");
    CHECK(source_id_for("file:///tmp/page.html") == "local");
    CHECK(source_id_for("garbage") == "local");
}
