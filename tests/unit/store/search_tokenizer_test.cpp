#include "dossier/store/search_tokenizer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using dossier::store::SearchToken;
using dossier::store::TokenizeMode;
using dossier::store::tokenize_for_search;

namespace {

/// Tokens as "text" for a new position and "=text" for a colocated one.
std::vector<std::string> shape(std::string_view text, TokenizeMode mode) {
    std::vector<std::string> out;
    for (const auto& t : tokenize_for_search(text, mode)) out.push_back((t.colocated ? "=" : "") + t.text);
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("a Chinese run is indexed as unigrams with overlapping bigrams colocated", "[store]") {
    CHECK(shape("漏洞利用", TokenizeMode::document) == V{"漏", "=漏洞", "洞", "=洞利", "利", "=利用", "用"});
}

TEST_CASE("a Chinese query is its bigrams and then its last character", "[store]") {
    // The trailing unigram makes the phrase span one position per character, as in documents.
    CHECK(shape("漏洞利用", TokenizeMode::query) == V{"漏洞", "洞利", "利用", "用"});
    CHECK(shape("泄密", TokenizeMode::query) == V{"泄密", "密"});
}

TEST_CASE("a single Chinese character is a unigram in documents and queries", "[store]") {
    CHECK(shape("漏", TokenizeMode::query) == V{"漏"});
    CHECK(shape("的 漏。", TokenizeMode::document) == V{"的", "漏"});
}

TEST_CASE("a Chinese run followed by Latin text keeps one position per character", "[store]") {
    CHECK(shape("漏洞CVE", TokenizeMode::document) == V{"漏", "=漏洞", "洞", "cve", "=洞cve"});
    CHECK(shape("漏洞CVE", TokenizeMode::query) == V{"漏洞", "洞", "洞cve"});
}

TEST_CASE("mixed Chinese and English split at the script boundary, glued where they touch", "[store]") {
    // "english" also exists glued to the CJK character on each side, and to both.
    CHECK(shape("中文English混排", TokenizeMode::document) ==
          V{"中", "=中文", "文", "english", "=文english", "=english混", "=文english混", "混", "=混排", "排"});
    CHECK(shape("中文English混排", TokenizeMode::query) == V{"中文", "文", "文english混", "混排", "排"});
    CHECK(shape("中文English", TokenizeMode::query) == V{"中文", "文", "文english"});
    CHECK(shape("English混排", TokenizeMode::query) == V{"english混", "混排", "排"});
    CHECK(shape("2025年", TokenizeMode::query) == V{"2025年", "年"});
}

TEST_CASE("a space or punctuation between the scripts means no glue", "[store]") {
    CHECK(shape("中文 English，混排", TokenizeMode::document) == V{"中", "=中文", "文", "english", "混", "=混排", "排"});
    CHECK(shape("中文 English", TokenizeMode::query) == V{"中文", "文", "english"});
    CHECK(shape("English", TokenizeMode::query) == V{"english"});
}

TEST_CASE("every form of a token is glued, and the whole form in queries", "[store]") {
    CHECK(shape("微软.NET框架", TokenizeMode::document) ==
          V{"微", "=微软", "软", ".net", "=net", "=软.net", "=.net框", "=软.net框", "=net框", "框", "=框架", "架"});
    CHECK(shape("软.NET框", TokenizeMode::query) == V{"软", "软.net框", "框"});
    CHECK(shape("NET框", TokenizeMode::query) == V{"net框", "框"});
    CHECK(shape("用C++写", TokenizeMode::query) == V{"用", "用c++写", "写"});
    // Glued tokens are colocated: the first token at each position, which FTS5 highlights,
    // is the plain one.
    const auto tokens = tokenize_for_search("文A", TokenizeMode::document);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1] == SearchToken{"a", false, 3, 4});
    CHECK(tokens[2] == SearchToken{"文a", true, 3, 4});
}

TEST_CASE("Japanese kana and Korean Hangul are bigrammed like Han", "[store]") {
    CHECK(shape("ひらがな", TokenizeMode::query) == V{"ひら", "らが", "がな", "な"});
    CHECK(shape("한국어", TokenizeMode::query) == V{"한국", "국어", "어"});
    CHECK(shape("カタカナ", TokenizeMode::document).size() == 7);
}

TEST_CASE("Latin text follows unicode61: split on punctuation, case and diacritics folded", "[store]") {
    CHECK(shape("CVE-2025", TokenizeMode::query) == V{"cve", "2025"});
    CHECK(shape("Café Déjà-vu", TokenizeMode::query) == V{"cafe", "deja", "vu"});
    CHECK(shape("Log4j2 Log4j 2", TokenizeMode::query) == V{"log4j2", "log4j", "2"});
    CHECK(shape("d41d8cd98f00b204e9800998ecf8427e", TokenizeMode::document) == V{"d41d8cd98f00b204e9800998ecf8427e"});
}

TEST_CASE("full-width Latin folds to ASCII", "[store]") {
    CHECK(shape("ＣＶＥ－２０２５", TokenizeMode::query) == V{"cve", "2025"});
}

TEST_CASE("C++, Notepad++ and C# also index a whole token", "[store]") {
    // The whole token comes first so a hit is highlighted with its suffix.
    CHECK(shape("C++ and C#", TokenizeMode::document) == V{"c++", "=c", "and", "c#", "=c"});
    CHECK(shape("Notepad++ 8.8", TokenizeMode::document) == V{"notepad++", "=notepad", "8", "8"});
    // A query for C++ must not match every lone "c": it asks for the whole token only.
    CHECK(shape("C++", TokenizeMode::query) == V{"c++"});
    CHECK(shape("Notepad++", TokenizeMode::query) == V{"notepad++"});
    CHECK(shape("C#", TokenizeMode::query) == V{"c#"});
}

TEST_CASE("a '#' before more letters is not a C#-style suffix", "[store]") {
    CHECK(shape("issue#123 page#top", TokenizeMode::document) == V{"issue", "123", "page", "top"});
    CHECK(shape("a+b", TokenizeMode::query) == V{"a", "b"});
}

TEST_CASE("token offsets are byte offsets into the input", "[store]") {
    const auto tokens = tokenize_for_search("AB 漏洞", TokenizeMode::document);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0] == SearchToken{"ab", false, 0, 2});
    CHECK(tokens[1] == SearchToken{"漏", false, 3, 6});
    CHECK(tokens[2] == SearchToken{"漏洞", true, 3, 9});
    CHECK(tokens[3] == SearchToken{"洞", false, 6, 9});
}

TEST_CASE("punctuation, symbols and invalid UTF-8 yield no tokens", "[store]") {
    CHECK(tokenize_for_search("--- *** ，。！", TokenizeMode::query).empty());
    CHECK(shape("ab\xFF\xFE" "cd", TokenizeMode::query) == V{"ab", "cd"});
}

TEST_CASE("a word that changes case midway folds whole, wherever the first change is", "[store]") {
    // Tokens are views of the input until a character folds to something else; these put
    // that change first, in the middle and last.
    CHECK(shape("Windows iPhone macOS x64 NTLM", TokenizeMode::query) == V{"windows", "iphone", "macos", "x64", "ntlm"});
    CHECK(shape("C++ iOS++ c#", TokenizeMode::query) == V{"c++", "ios++", "c#"});
    CHECK(shape("iOS++", TokenizeMode::document) == V{"ios++", "=ios"});
}

TEST_CASE("a combining mark inside a word is dropped from the token but kept in its span", "[store]") {
    // "e" + U+0301 + "te": the mark folds away, the token's offsets still cover it.
    const auto tokens = tokenize_for_search("e\xCC\x81te x", TokenizeMode::document);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0] == SearchToken{"ete", false, 0, 5});
    CHECK(tokens[1] == SearchToken{"x", false, 6, 7});
}

TEST_CASE("a CJK run mixing characters that fold with ones that do not keeps exact bigrams", "[store]") {
    // Half-width katakana fold to full width (NFKC); the Han characters stay as they are.
    const auto tokens = tokenize_for_search("漏ｶ洞", TokenizeMode::document);
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0] == SearchToken{"漏", false, 0, 3});
    CHECK(tokens[1] == SearchToken{"漏カ", true, 0, 6});
    CHECK(tokens[2] == SearchToken{"カ", false, 3, 6});
    CHECK(tokens[3] == SearchToken{"カ洞", true, 3, 9});
    CHECK(tokens[4] == SearchToken{"洞", false, 6, 9});
    CHECK(shape("ｶﾀｶﾅ", TokenizeMode::query) == V{"カタ", "タカ", "カナ", "ナ"});
    CHECK(shape("漏洞ｶ", TokenizeMode::query) == V{"漏洞", "洞カ", "カ"});
}

TEST_CASE("a word right after a dot also exists with the dot: .NET, ASP.NET, .exe", "[store]") {
    CHECK(shape(".NET and ASP.NET", TokenizeMode::document) == V{".net", "=net", "and", "asp", ".net", "=net"});
    // A query asks for the dotted form only, so .NET does not match "the net result".
    CHECK(shape(".NET", TokenizeMode::query) == V{".net"});
    CHECK(shape("ASP.NET", TokenizeMode::query) == V{"asp", ".net"});
    CHECK(shape("net", TokenizeMode::query) == V{"net"});
    CHECK(shape("dropper.EXE", TokenizeMode::query) == V{"dropper", ".exe"});
    // Full-width text folds: "．ＮＥＴ" is ".NET".
    CHECK(shape("\xEF\xBC\x8E\xEF\xBC\xAE\xEF\xBC\xA5\xEF\xBC\xB4", TokenizeMode::query) == V{".net"});
    // A number after a dot is not a dotted word (versions stay plain numbers).
    CHECK(shape("v8.8 .5", TokenizeMode::document) == V{"v8", "8", "5"});
    // A CJK character after a dot is a CJK token as always.
    CHECK(shape(".漏洞", TokenizeMode::query) == V{"漏洞", "洞"});
}

TEST_CASE("the dotted whole token spans its dot and comes first in documents", "[store]") {
    const auto tokens = tokenize_for_search("x.NET", TokenizeMode::document);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0] == SearchToken{"x", false, 0, 1});
    CHECK(tokens[1] == SearchToken{".net", false, 1, 5});
    CHECK(tokens[2] == SearchToken{"net", true, 2, 5});
    const auto wide = tokenize_for_search("\xEF\xBC\x8E" "NET", TokenizeMode::document);
    REQUIRE(wide.size() == 2);
    CHECK(wide[0] == SearchToken{".net", false, 0, 6});
}

TEST_CASE("a dotted word with a C++ suffix exists in all four forms", "[store]") {
    CHECK(shape("Objective.C++", TokenizeMode::document) == V{"objective", ".c++", "=c++", "=.c", "=c"});
    CHECK(shape("Objective.C++", TokenizeMode::query) == V{"objective", ".c++"});
    CHECK(shape("x.C#", TokenizeMode::query) == V{"x", ".c#"});
}

TEST_CASE("an IPv4 address is also one token, colocated with its first group", "[store]") {
    CHECK(shape("192.168.1.1", TokenizeMode::document) == V{"192", "=192.168.1.1", "168", "1", "1"});
    // A query is the whole address, then the other groups: four positions, as in documents.
    CHECK(shape("192.168.1.1", TokenizeMode::query) == V{"192.168.1.1", "168", "1", "1"});
    CHECK(shape("host 10.0.0.254:8080.", TokenizeMode::query) == V{"host", "10.0.0.254", "0", "0", "254", "8080"});
    CHECK(shape("地址192.168.1.1的", TokenizeMode::query) == V{"地址", "址", "址192.168.1.1的", "168", "1", "1的", "的"});
    // Full-width digits and dots fold to the same address.
    CHECK(shape("\xEF\xBC\x91\xEF\xBC\x8E\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x93\xEF\xBC\x8E\xEF\xBC\x94",
                TokenizeMode::query) == V{"1.2.3.4", "2", "3", "4"});
}

TEST_CASE("a dotted run that is not exactly four groups of 1-3 digits is not an address", "[store]") {
    CHECK(shape("10.192.168.1.1", TokenizeMode::document) == V{"10", "192", "168", "1", "1"});
    CHECK(shape("192.168.1.1.5", TokenizeMode::query) == V{"192", "168", "1", "1", "5"});
    CHECK(shape("192.168.1.1a", TokenizeMode::query) == V{"192", "168", "1", "1a"});
    CHECK(shape("1.2.3", TokenizeMode::query) == V{"1", "2", "3"});
    CHECK(shape("1234.1.1.1 1..2.3.4", TokenizeMode::query) == V{"1234", "1", "1", "1", "1", "2", "3", "4"});
    CHECK(shape("v1.2.3.4", TokenizeMode::query) == V{"v1", "2", "3", "4"});
    CHECK(shape("1.2.3.4.in-addr", TokenizeMode::query) == V{"1", "2", "3", "4", ".in", "addr"});
}

TEST_CASE("the address token spans the whole address", "[store]") {
    const auto tokens = tokenize_for_search("at 192.168.1.12 now", TokenizeMode::document);
    REQUIRE(tokens.size() == 7);
    CHECK(tokens[1] == SearchToken{"192", false, 3, 6});
    CHECK(tokens[2] == SearchToken{"192.168.1.12", true, 3, 15});
    CHECK(tokens[5] == SearchToken{"12", false, 13, 15});
    const auto query = tokenize_for_search("192.168.1.12", TokenizeMode::query);
    REQUIRE(query.size() == 4);
    CHECK(query[0] == SearchToken{"192.168.1.12", false, 0, 12});
}

TEST_CASE("a CVE id is also one token, colocated with its first part", "[store]") {
    CHECK(shape("CVE-2025-59934", TokenizeMode::document) == V{"cve", "=cve-2025-59934", "2025", "59934"});
    CHECK(shape("CVE-2025-59934", TokenizeMode::query) == V{"cve-2025-59934", "2025", "59934"});
    // Any case, full width, Unicode dashes; text around it in any script.
    CHECK(shape("cve\xE2\x80\x93" "2025\xE2\x80\x91" "59934", TokenizeMode::query) == V{"cve-2025-59934", "2025", "59934"});
    CHECK(shape("\xEF\xBC\xA3\xEF\xBC\xB6\xEF\xBC\xA5\xEF\xBC\x8D\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x95"
                "\xEF\xBC\x8D\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94",
                TokenizeMode::query) == V{"cve-2025-1234", "2025", "1234"});
    CHECK(shape("漏洞CVE-2025-1234利用", TokenizeMode::query) ==
          V{"漏洞", "洞", "洞cve-2025-1234利", "2025", "1234利", "利用", "用"});
    CHECK(shape("洞CVE-2025-1234利", TokenizeMode::document) ==
          V{"洞", "cve", "=cve-2025-1234", "=洞cve", "=洞cve-2025-1234", "=cve-2025-1234利", "=洞cve-2025-1234利", "2025",
            "1234", "=1234利", "利"});
    CHECK(shape("CVE-2025-59934-poc", TokenizeMode::query) == V{"cve-2025-59934", "2025", "59934", "poc"});
}

TEST_CASE("text shaped almost like a CVE id stays in parts", "[store]") {
    CHECK(shape("CVE 2025 59934", TokenizeMode::document) == V{"cve", "2025", "59934"});
    CHECK(shape("CVE-2025-123", TokenizeMode::query) == V{"cve", "2025", "123"});
    CHECK(shape("CVE-25-12345", TokenizeMode::query) == V{"cve", "25", "12345"});
    CHECK(shape("CVE-2025-1234a", TokenizeMode::query) == V{"cve", "2025", "1234a"});
    CHECK(shape("XCVE-2025-1234", TokenizeMode::query) == V{"xcve", "2025", "1234"});
    CHECK(shape("CVEs-2025-1234", TokenizeMode::query) == V{"cves", "2025", "1234"});
}

TEST_CASE("the CVE token spans the whole id", "[store]") {
    const auto tokens = tokenize_for_search("see CVE-2024-3094.", TokenizeMode::document);
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[1] == SearchToken{"cve", false, 4, 7});
    CHECK(tokens[2] == SearchToken{"cve-2024-3094", true, 4, 17});
    CHECK(tokens[4] == SearchToken{"3094", false, 13, 17});
}

TEST_CASE("a prefix query leaves addresses and CVE ids in parts", "[store]") {
    // FTS5 applies the prefix to the last token: "CVE-2025-5993*" must still reach CVE-2025-59934.
    CHECK(shape("CVE-2025-5993", TokenizeMode::prefix_query) == V{"cve", "2025", "5993"});
    CHECK(shape("192.168.1.1", TokenizeMode::prefix_query) == V{"192", "168", "1", "1"});
    // Everything else is as in a query.
    CHECK(shape(".NET C++ 漏洞", TokenizeMode::prefix_query) == V{".net", "c++", "漏洞", "洞"});
}

namespace {

/// Whether the query tokens of `query`, as an FTS5 phrase, match the document tokens of
/// `doc`: some position p where token k of the query is among the tokens at position p + k.
bool phrase_matches(std::string_view doc, std::string_view query, TokenizeMode mode) {
    std::vector<std::vector<std::string>> positions;
    for (const auto& t : tokenize_for_search(doc, TokenizeMode::document)) {
        if (!t.colocated || positions.empty()) positions.emplace_back();
        positions.back().push_back(t.text);
    }
    const auto q = tokenize_for_search(query, mode);
    for (std::size_t p = 0; p + q.size() <= positions.size(); ++p) {
        bool all = true;
        for (std::size_t k = 0; k < q.size() && all; ++k) {
            const auto& at = positions[p + k];
            all = std::find(at.begin(), at.end(), q[k].text) != at.end();
        }
        if (all) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("documents and queries agree: every run of words of a text is found in it", "[store]") {
    // Texts made of units that exercise every rule, joined by a space, punctuation, or nothing
    // (only where the scripts change). Every contiguous run of units, as written, must match
    // the text it was cut from: as a query and as a prefix query.
    const std::vector<std::string> latin{"Net", "c", "C++", "C#", ".NET", "ASP.NET", "Log4j2", "192.168.1.1",
                                         "10.0.0.254", "CVE-2025-59934", "ＣＶＥ－２０２５－１２３４", "x.c++",
                                         "v1.2.3.4", "2025", "Déjà-vu", "e.g.", "d41d8cd98f00b204"};
    const std::vector<std::string> cjk{"漏洞", "漏", "利用", "中文", "ｶﾀｶﾅ", "한국어", "年"};
    std::mt19937 rng(20251121);
    int checked = 0;
    for (int text = 0; text < 300; ++text) {
        std::vector<std::string> units;
        std::vector<std::string> joints;  // joints[k] comes after units[k]
        bool prev_cjk = false;
        for (int k = 0; k < 6; ++k) {
            const bool is_cjk = rng() % 2 == 0;
            const auto& pool = is_cjk ? cjk : latin;
            if (k > 0) {
                const bool may_glue = is_cjk != prev_cjk || is_cjk;
                const int pick = static_cast<int>(rng() % 3);
                joints.push_back(pick == 0 && may_glue ? "" : pick == 1 ? ", " : " ");
            }
            units.push_back(pool[rng() % pool.size()]);
            prev_cjk = is_cjk;
        }
        joints.emplace_back();
        std::string doc;
        for (std::size_t k = 0; k < units.size(); ++k) doc += units[k] + joints[k];
        for (std::size_t from = 0; from < units.size(); ++from) {
            std::string query;
            for (std::size_t to = from; to < units.size(); ++to) {
                query += units[to];
                INFO("text: " << doc << "\nquery: " << query);
                CHECK(phrase_matches(doc, query, TokenizeMode::query));
                CHECK(phrase_matches(doc, query, TokenizeMode::prefix_query));
                ++checked;
                query += joints[to];
            }
        }
    }
    CHECK(checked == 300 * 21);
}
