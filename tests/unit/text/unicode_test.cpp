#include <catch2/catch.hpp>

#include "dossier/text/unicode.hpp"

using namespace dossier;

namespace {
std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out.push_back(text::next_codepoint(s, i));
    return out;
}
}  // namespace

TEST_CASE("UTF-8 decoding yields U+FFFD for every invalid byte and always advances", "[text]") {
    CHECK(decode("a漏\xF0\x9F\x98\x80") == U"a漏\U0001F600");
    CHECK(decode("\xC0\xAF") == U"\uFFFD\uFFFD");      // overlong
    CHECK(decode("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // surrogate
    CHECK(decode("\xE6\xBC") == U"\uFFFD\uFFFD");      // truncated
    CHECK(text::is_valid_utf8("漏洞 \xEF\xBF\xBD"));
    CHECK_FALSE(text::is_valid_utf8("\xFF"));
}

TEST_CASE("append_utf8 round-trips every plane", "[text]") {
    std::string s;
    for (char32_t cp : {U'a', U'é', U'漏', U'\U0001F600'}) text::append_utf8(s, cp);
    CHECK(decode(s) == U"aé漏\U0001F600");
}

TEST_CASE("folding removes case, width and Latin diacritics but keeps CJK distinctions", "[text]") {
    CHECK(text::fold(U'Ｃ') == U'c');
    CHECK(text::fold(U'－') == U'-');
    CHECK(text::fold(U'É') == U'e');
    CHECK(text::fold(U'Ж') == U'ж');
    CHECK(text::fold(U'が') == U'が');
    CHECK(text::fold(U'ｶ') == U'カ');
    CHECK(text::fold(U'漏') == U'漏');
    CHECK(text::fold(U'\u0301') == 0);
}

TEST_CASE("character classes drive the tokenizer", "[text]") {
    CHECK(text::is_cjk(U'漏'));
    CHECK(text::is_cjk(U'か'));
    CHECK(text::is_cjk(U'한'));
    CHECK_FALSE(text::is_cjk(U'a'));
    CHECK_FALSE(text::is_cjk(U'，'));
    CHECK(text::is_token_char(U'é'));
    CHECK(text::is_token_char(U'9'));
    CHECK_FALSE(text::is_token_char(U'-'));
    CHECK_FALSE(text::is_token_char(U'。'));
}

TEST_CASE("NFKC case folding and private-use stripping", "[text]") {
    CHECK(text::nfkc_casefold("ＣＶＥ－２０２５ Straße") == "cve-2025 strasse");
    CHECK(text::strip_private_use("a\xEE\x80\x80" "b\x01" "c\n") == "abc\n");
}
