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

TEST_CASE("cve: filters are validated and upper-cased", "[store]") {
    auto q = parse_query("漏洞 cve:cve-2025-59934 CVE:CVE-2024-1234 cve:CVE-2025-59934");
    REQUIRE(q.has_value());
    CHECK(q->match == R"("漏洞")");
    CHECK(q->cves == std::vector<std::string>{"CVE-2025-59934", "CVE-2024-1234"});
    auto only = parse_query("cve:CVE-2021-44228");
    REQUIRE(only.has_value());
    CHECK(only->match.empty());
    CHECK(only->cves == std::vector<std::string>{"CVE-2021-44228"});
    CHECK(error("cve:CVE-2025-123") == R"(search: cve: not a CVE id: "CVE-2025-123" (expected CVE-YYYY-NNNN))");
    CHECK(error("cve:2025-12345") == R"(search: cve: not a CVE id: "2025-12345" (expected CVE-YYYY-NNNN))");
    CHECK(error("cve:CVE-25-12345").rfind("search: cve: not a CVE id: ", 0) == 0);
    CHECK(error("cve:CVE-2025-1234x").rfind("search: cve: not a CVE id: ", 0) == 0);
    CHECK(error("cve:") == "search: cve: needs a value");
    CHECK(error("a OR cve:CVE-2025-1234").rfind("search: source:, lang:, tag:, cve:", 0) == 0);
}

TEST_CASE("an unknown field is an error that says how to search for the text", "[store]") {
    CHECK(error("author:bob") ==
          R"(search: unknown field "author:" (fields: title, body, source, lang, tag, cve, since, until; put the term in quotes to search for it as text))");
    CHECK(error("漏洞 Titel:勒索").rfind(R"(search: unknown field "Titel:")", 0) == 0);
    CHECK(error("foo:\"a b\"").rfind(R"(search: unknown field "foo:")", 0) == 0);
    CHECK(error("-foo:bar x").rfind(R"(search: unknown field "foo:")", 0) == 0);
    // Quoted, it is text.
    CHECK(match("\"author:bob\"") == R"("author:bob")");
}

TEST_CASE("a colon that cannot be a field is matched as text", "[store]") {
    CHECK(match("https://example.com/a") == R"("https://example.com/a")");
    CHECK(match("file:///tmp/x") == R"("file:///tmp/x")");
    CHECK(match("c:\\temp a:b") == R"(("c:\temp" AND "a:b"))");
    CHECK(match("std::string") == R"("std::string")");
    CHECK(match("Note: 漏洞") == R"(("Note:" AND "漏洞"))");
    CHECK(match("10:30 log4j2:x x2:y") == R"(("10:30" AND "log4j2:x" AND "x2:y"))");
    CHECK(match("漏洞:利用") == R"("漏洞:利用")");
}

TEST_CASE("a query over 1,000 bytes or 64 terms is refused", "[store]") {
    CHECK(error(std::string(10000, 'a')) == "search: query too long: 10000 bytes (at most 1000)");
    CHECK(error(std::string(1001, 'a')) == "search: query too long: 1001 bytes (at most 1000)");
    CHECK(match(std::string(1000, 'a')) == "\"" + std::string(1000, 'a') + "\"");
    std::string many;
    for (int k = 0; k < 65; ++k) many += "w" + std::to_string(k) + " ";
    CHECK(error(many) == "search: too many terms: 65 (at most 64)");
    std::string enough;
    for (int k = 0; k < 64; ++k) enough += "w" + std::to_string(k) + " ";
    CHECK(parse_query(enough).has_value());
}

TEST_CASE("every kind of bad input is one line that starts with search:", "[store]") {
    for (const std::string& q : {std::string(), std::string("   "), std::string(10000, 'x'), std::string("AND OR NOT"),
                                std::string("OR"), std::string("( )"), std::string("- - -"), std::string("\"a b"),
                                std::string("a \"b"), std::string("foo:bar"), std::string("since:2025-13-45"),
                                std::string("until:tomorrow"), std::string("cve:CVE-1"), std::string("a OR"),
                                std::string("a (b"), std::string("title:"), std::string("-a -b")}) {
        INFO(q.substr(0, 40));
        const auto message = error(q);
        CHECK(message.rfind("search: ", 0) == 0);
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.size() < 200);
    }
    CHECK(error("since:2025-13-45") == "search: since: not a date: 2025-13-45");
}

TEST_CASE("errors stay on one line when the quoted value holds control characters", "[store]") {
    for (const char* q : {"since:\"a\nb\"", "cve:\"CVE\n2025\"", "until:\"x\ty\x01\""}) {
        const auto r = dossier::store::parse_query(q);
        REQUIRE_FALSE(r.has_value());
        INFO(r.error().message);
        CHECK(r.error().message.find('\n') == std::string::npos);
        CHECK(r.error().message.find('\x01') == std::string::npos);
        CHECK(r.error().message.rfind("search: ", 0) == 0);
    }
    CHECK(dossier::store::parse_query("since:\"a\nb\"").error().message == "search: since: not a date: a\\nb");
}
