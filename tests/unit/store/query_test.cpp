#include "dossier/store/query.hpp"

#include <catch2/catch.hpp>

#include "dossier/core/date_time.hpp"

using dossier::store::parse_query;
using dossier::store::to_match_expression;

namespace {

std::string match(std::string_view q) {
    auto r = to_match_expression(q);
    REQUIRE(r.has_value());
    return *r;
}

std::string error(std::string_view q) {
    auto r = parse_query(q);
    REQUIRE_FALSE(r.has_value());
    return r.error().message;
}

}  // namespace

TEST_CASE("every user term becomes a quoted FTS5 string, AND-ed", "[store]") {
    CHECK(match("漏洞") == R"("漏洞")");
    CHECK(match("漏洞 利用") == R"(("漏洞" AND "利用"))");
    CHECK(match("CVE-2025-59934") == R"("CVE-2025-59934")");
    CHECK(match("Notepad++ C# a:b") == R"(("Notepad++" AND "C#" AND "a:b"))");
}

TEST_CASE("phrases, OR, exclusion and prefix are translated", "[store]") {
    CHECK(match(R"("remote code execution")") == R"("remote code execution")");
    CHECK(match("漏洞 OR 泄密 -广告") == R"((("漏洞" OR "泄密") NOT "广告"))");
    CHECK(match("a b OR c") == R"(("a" AND ("b" OR "c")))");
    CHECK(match("a NOT b NOT c") == R"(("a" NOT ("b" OR "c")))");
    CHECK(match("vuln* -\"false positive\"") == R"(("vuln"* NOT "false positive"))");
    CHECK(match("(a OR b) AND c") == R"((("a" OR "b") AND "c"))");
    CHECK(match("a -(b OR c)") == R"(("a" NOT ("b" OR "c")))");
}

TEST_CASE("title: and body: restrict a term to a column", "[store]") {
    CHECK(match("title:勒索 body:\"data leak\"") == R"((title : "勒索" AND body : "data leak"))");
    CHECK(match("Title:x*") == R"(title : "x"*)");
}

TEST_CASE("lower-case and/or/not and operators glued to text are ordinary words", "[store]") {
    CHECK(match("cats and dogs") == R"(("cats" AND "and" AND "dogs"))");
    CHECK(match("\"AND\" x") == R"(("AND" AND "x"))");
}

TEST_CASE("a term of punctuation only is dropped rather than sent to FTS5", "[store]") {
    CHECK(match("C++ - +++") == R"("C++")");
    CHECK(error("+++ ***") == "search: no words to search for in the query");
}

TEST_CASE("broken syntax is a one-line search error", "[store]") {
    CHECK(error("\"unbalanced") == "search: unbalanced quote");
    CHECK(error("AND AND") == "search: operator AND without a term");
    CHECK(error("a AND") == "search: operator AND without a term");
    CHECK(error("OR a") == "search: operator OR without a term");
    CHECK(error("a OR") == "search: operator OR without a term");
    CHECK(error("NOT") == "search: operator NOT without a term");
    CHECK(error("") == "search: empty query");
    CHECK(error("   \xE3\x80\x80 ") == "search: empty query");
    CHECK(error("(a OR b") == "search: unbalanced parenthesis");
    CHECK(error("a)") == "search: unbalanced parenthesis");
    CHECK(error("()") == "search: empty parentheses");
    CHECK(error("-a") == "search: a query cannot consist only of excluded terms");
    CHECK(error("a OR -b") == "search: an excluded term cannot be an OR alternative");
    CHECK(error("title:") == "search: title: needs a value");
    CHECK(error(std::string(13, '(') + "a" + std::string(13, ')')) == "search: parentheses nested more than 12 deep");
    CHECK(match(std::string(12, '(') + "a" + std::string(12, ')')) == R"("a")");
    for (const char* q : {"\"unbalanced", "AND AND", "", "(a", "-a"}) {
        const auto message = error(q);
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.rfind("search: ", 0) == 0);
    }
}

TEST_CASE("source:, lang:, tag:, since: and until: become filters", "[store]") {
    auto q = parse_query("勒索 source:freebuf source:anquanke lang:ZH tag:apt since:2025-01-01 until:2025-01-31");
    REQUIRE(q.has_value());
    CHECK(q->match == R"("勒索")");
    CHECK(q->sources == std::vector<std::string>{"freebuf", "anquanke"});
    CHECK(q->langs == std::vector<std::string>{"zh"});
    CHECK(q->tags == std::vector<std::string>{"apt"});
    CHECK(q->since == dossier::core::days_from_civil(2025, 1, 1) * 86400);
    // until: a date alone includes that whole day.
    CHECK(q->until == dossier::core::days_from_civil(2025, 2, 1) * 86400);
}

TEST_CASE("a query of filters only has an empty match expression", "[store]") {
    auto q = parse_query("source:freebuf");
    REQUIRE(q.has_value());
    CHECK(q->match.empty());
    CHECK_FALSE(to_match_expression("source:freebuf").has_value());
}

TEST_CASE("filters cannot hide inside OR, NOT or parentheses, and dates must parse", "[store]") {
    CHECK(error("a OR source:x").rfind("search: source:", 0) == 0);
    CHECK(error("-source:x a").rfind("search: source:", 0) == 0);
    CHECK(error("(a source:x)").rfind("search: source:", 0) == 0);
    CHECK(error("since:yesterday") == "search: since: not a date: yesterday");
}
