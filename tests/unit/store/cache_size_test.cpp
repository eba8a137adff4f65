#include <catch2/catch.hpp>

#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using namespace dossier;

TEST_CASE("the page cache can be resized and a size under 1 MiB is refused", "[store]") {
    store::test::TempDir dir;
    auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
    REQUIRE(s);
    CHECK(s->set_cache_mib(8));
    auto bad = s->set_cache_mib(0);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.rfind("store: ", 0) == 0);
    // The store still works after resizing.
    core::Article a;
    a.url = "https://example.com/a";
    a.title = "t";
    a.text = "漏洞 text";
    REQUIRE(s->put(a));
    auto n = s->count("漏洞", {});
    REQUIRE(n);
    CHECK(*n == 1);
}
