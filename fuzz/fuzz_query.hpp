#pragma once
// Fuzz entry "query": store::parse_query and store::to_match_expression, the search query
// language (docs/search.md, "Query syntax").
// Input: the whole input is the user's query.
#include <cstddef>
#include <string>
#include <string_view>

#include "dossier/store/query.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// FTS5's own expression parser overflows at about 50 nested parentheses (docs/search.md); the
/// expressions we hand it must stay well below.
inline constexpr int k_query_max_paren_depth = 40;

/// Checks that `match` uses FTS5 syntax only as parse_query writes it: every user term a
/// double-quoted string ("" inside it is a quote), and outside strings only white space,
/// parentheses, AND / OR / NOT, a '*' right after a string, and the column filters
/// "title :" / "body :". Anything else would be user text read as FTS5 syntax.
inline void check_match_expression(Violations& v, std::string_view match) {
    int depth = 0;
    int max_depth = 0;
    bool after_string = false;
    std::size_t i = 0;
    while (i < match.size()) {
        const char c = match[i];
        if (c == '"') {
            ++i;
            for (;; ++i) {
                if (i >= match.size()) {
                    v.emplace_back("query: unterminated string in MATCH expression: " + std::string(match));
                    return;
                }
                if (match[i] != '"') continue;
                if (i + 1 < match.size() && match[i + 1] == '"') {
                    ++i;
                    continue;
                }
                break;
            }
            ++i;
            after_string = true;
            continue;
        }
        if (c == '*' && after_string) {
            ++i;
            after_string = false;
            continue;
        }
        after_string = false;
        if (c == ' ') {
            ++i;
        } else if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : -1;
            max_depth = depth > max_depth ? depth : max_depth;
            if (depth < 0) v.emplace_back("query: ')' without '(' in MATCH expression");
            ++i;
        } else {
            std::size_t end = i;
            while (end < match.size() && match[end] != ' ' && match[end] != '(' && match[end] != ')' && match[end] != '"')
                ++end;
            const std::string_view word = match.substr(i, end - i);
            if (word != "AND" && word != "OR" && word != "NOT" && word != "title" && word != "body" && word != ":")
                v.push_back("query: unquoted text in MATCH expression: " + std::string(word));
            i = end == i ? i + 1 : end;
        }
    }
    check(v, depth == 0, "query: unbalanced parentheses in MATCH expression");
    check(v, max_depth <= k_query_max_paren_depth, "query: MATCH expression nested too deep for FTS5");
}

/// Runs one input through the query parser; returns the invariants broken.
inline Violations run_query(std::string_view input) {
    Violations v;
    auto parsed = store::parse_query(input);
    auto match = store::to_match_expression(input);
    if (!parsed) {
        const std::string& m = parsed.error().message;
        check(v, starts_with(m, "search: "), "query: error without the 'search: ' prefix");
        check(v, m.find('\n') == std::string::npos, "query: error longer than one line");
        check(v, !match, "query: to_match_expression accepts what parse_query refuses");
        return v;
    }
    check_match_expression(v, parsed->match);
    // Invalid UTF-8 in the query passes through into the terms (docs/search.md does not
    // promise otherwise); valid UTF-8 must not be cut inside a character.
    if (valid_utf8(input)) check_utf8(v, parsed->match, "query: MATCH expression");
    if (match) check(v, *match == parsed->match, "query: to_match_expression differs from parse_query");
    else check(v, parsed->match.empty(), "query: to_match_expression fails with terms present");
    for (const std::string& c : parsed->cves) check(v, starts_with(c, "CVE-"), "query: cve filter not upper-cased");
    return v;
}

}  // namespace dossier::fuzz
