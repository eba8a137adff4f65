#include "dossier/store/search_tokenizer.hpp"

#include <catch2/catch.hpp>

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
    CHECK(shape("漏洞CVE", TokenizeMode::document) == V{"漏", "=漏洞", "洞", "cve"});
    CHECK(shape("漏洞CVE", TokenizeMode::query) == V{"漏洞", "洞", "cve"});
}

TEST_CASE("mixed Chinese and English split at the script boundary", "[store]") {
    CHECK(shape("中文English混排", TokenizeMode::document) == V{"中", "=中文", "文", "english", "混", "=混排", "排"});
    CHECK(shape("2025年", TokenizeMode::query) == V{"2025", "年"});
}

TEST_CASE("Japanese kana and Korean Hangul are bigrammed like Han", "[store]") {
    CHECK(shape("ひらがな", TokenizeMode::query) == V{"ひら", "らが", "がな", "な"});
    CHECK(shape("한국어", TokenizeMode::query) == V{"한국", "국어", "어"});
    CHECK(shape("カタカナ", TokenizeMode::document).size() == 7);
}

TEST_CASE("Latin text follows unicode61: split on punctuation, case and diacritics folded", "[store]") {
    CHECK(shape("CVE-2025-59934", TokenizeMode::query) == V{"cve", "2025", "59934"});
    CHECK(shape("Café Déjà-vu", TokenizeMode::query) == V{"cafe", "deja", "vu"});
    CHECK(shape("Log4j2 192.168.1.1", TokenizeMode::query) == V{"log4j2", "192", "168", "1", "1"});
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
