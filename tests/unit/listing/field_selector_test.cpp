#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "dossier/listing/listing.hpp"

using dossier::listing::split_selector_attr;
using Split = std::pair<std::string, std::string>;

TEST_CASE("split_selector_attr splits at the trailing @attribute", "[listing]") {
    CHECK(split_selector_attr("a@href") == Split{"a", "href"});
    CHECK(split_selector_attr("time@datetime") == Split{"time", "datetime"});
    CHECK(split_selector_attr(" h2 a @ href ") == Split{"h2 a", "href"});
    CHECK(split_selector_attr(".meta@data-published") == Split{".meta", "data-published"});
}

TEST_CASE("split_selector_attr leaves a selector without @ whole", "[listing]") {
    CHECK(split_selector_attr("div.item > a") == Split{"div.item > a", ""});
    CHECK(split_selector_attr("") == Split{"", ""});
}

TEST_CASE("split_selector_attr ignores @ inside brackets, parentheses and quotes", "[listing]") {
    CHECK(split_selector_attr(R"(a[href*="@"])") == Split{R"(a[href*="@"])", ""});
    CHECK(split_selector_attr(R"(a[href*="@"]@href)") == Split{R"(a[href*="@"])", "href"});
    CHECK(split_selector_attr("a[data-x='a@b']@data-url") == Split{"a[data-x='a@b']", "data-url"});
    CHECK(split_selector_attr("a:not([href^='mailto:x@y'])@href") == Split{"a:not([href^='mailto:x@y'])", "href"});
    CHECK(split_selector_attr(R"(a[title="say \"@\" ]"]@title)") == Split{R"(a[title="say \"@\" ]"])", "title"});
}

TEST_CASE("split_selector_attr splits at the last @ of several", "[listing]") {
    CHECK(split_selector_attr("a@href@title") == Split{"a@href", "title"});
}

TEST_CASE("split_selector_attr leaves a stray @ that is not followed by an attribute name", "[listing]") {
    CHECK(split_selector_attr("a@") == Split{"a@", ""});
    CHECK(split_selector_attr("img@1x") == Split{"img@1x", ""});
    CHECK(split_selector_attr("a@hr ef") == Split{"a@hr ef", ""});
}
