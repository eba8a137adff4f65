#include "dossier/text/charset.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "dossier/text/unicode.hpp"

using namespace dossier;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/text/" + name, std::ios::binary);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

text::Decoded decode(std::string_view bytes, std::string_view content_type = {}) {
    auto r = text::decode_to_utf8(bytes, content_type);
    REQUIRE(r.has_value());
    CHECK(text::is_valid_utf8(r->utf8));
    return std::move(r).value();
}

}  // namespace

TEST_CASE("a GBK page declared by <meta charset> decodes as GB18030", "[text]") {
    const auto d = decode(fixture("gbk_meta_charset.html"));
    CHECK(d.charset == "GB18030");
    CHECK(d.method == "meta");
    CHECK(d.utf8.find("远程代码执行漏洞") != std::string::npos);
    CHECK(d.utf8.find("<title>漏洞通告</title>") != std::string::npos);
}

TEST_CASE("a Big5 page declared only in the HTTP Content-Type decodes as Big5", "[text]") {
    const std::string bytes = fixture("big5_http_charset.html");
    const auto d = decode(bytes, "text/html; charset=big5");
    CHECK(d.charset == "Big5");
    CHECK(d.method == "http");
    CHECK(d.utf8.find("遠端程式碼執行漏洞") != std::string::npos);
}

TEST_CASE("a page labelled gb2312 whose bytes are valid UTF-8 is read as UTF-8", "[text]") {
    const std::string bytes = fixture("gb2312_label_but_utf8.html");
    const auto d = decode(bytes);
    CHECK(d.charset == "UTF-8");
    CHECK(d.method == "validated");
    CHECK(d.utf8 == bytes);
    // The same override applies to a charset named by the HTTP header.
    CHECK(decode(bytes, "text/html; charset=ISO-8859-1").method == "validated");
}

TEST_CASE("a UTF-8 byte order mark wins over a <meta charset> and is dropped", "[text]") {
    const auto d = decode(fixture("utf8_bom.html"));
    CHECK(d.charset == "UTF-8");
    CHECK(d.method == "bom");
    CHECK(d.utf8.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(d.utf8.find("naïve café") != std::string::npos);
}

TEST_CASE("a UTF-16LE byte order mark selects UTF-16LE", "[text]") {
    const std::string bytes("\xFF\xFE<\0p\0>\0\x2D\x6F", 10);  // "<p>漭" in UTF-16LE
    const auto d = decode(bytes, "text/html; charset=gbk");
    CHECK(d.charset == "UTF-16LE");
    CHECK(d.method == "bom");
    CHECK(d.utf8 == "<p>\xE6\xBC\xAD");
}

TEST_CASE("a Shift_JIS page declared by an upper-case http-equiv meta decodes as Shift_JIS", "[text]") {
    const auto d = decode(fixture("shift_jis_http_equiv.html"));
    CHECK(d.charset == "Shift_JIS");
    CHECK(d.method == "meta");
    CHECK(d.utf8.find("リモートコード実行の脆弱性") != std::string::npos);
}

TEST_CASE("an undeclared windows-1251 page is detected", "[text]") {
    const auto d = decode(fixture("windows1251_undeclared.html"));
    CHECK(d.charset == "windows-1251");
    CHECK(d.method == "detected");
    CHECK(d.utf8.find("Уязвимость в веб-сервере") != std::string::npos);
}

TEST_CASE("an XML declaration's encoding is honoured", "[text]") {
    const auto d = decode(fixture("gb18030_xml_declaration.xml"));
    CHECK(d.charset == "GB18030");
    CHECK(d.method == "meta");
    CHECK(d.utf8.find("<title>安全资讯</title>") != std::string::npos);
}

TEST_CASE("the HTTP charset wins over the page's meta", "[text]") {
    // "Привет" in windows-1251, with a <meta> that says windows-1252.
    const std::string page = "<meta charset=\"windows-1252\"><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
    const auto d = decode(page, "text/html; charset=\"windows-1251\"");
    CHECK(d.charset == "windows-1251");
    CHECK(d.method == "http");
    CHECK(d.utf8.find("Привет") != std::string::npos);
}

TEST_CASE("GBK bytes under a UTF-8 label are re-detected instead of becoming U+FFFD", "[text]") {
    const auto d = decode(fixture("gbk_meta_charset.html"), "text/html; charset=\"UTF-8\"");
    CHECK(d.charset == "GB18030");
    CHECK(d.method == "detected");
    CHECK(d.utf8.find("远程代码执行漏洞") != std::string::npos);
    CHECK(d.utf8.find("\xEF\xBF\xBD") == std::string::npos);
}

TEST_CASE("a UTF-8 page with a few stray bytes stays UTF-8", "[text]") {
    std::string page = "<meta charset=\"utf-8\"><p>";
    for (int k = 0; k < 40; ++k) page += "远程代码执行漏洞。";
    page += "\xB6\xA8</p>";  // two stray GBK bytes
    const auto d = decode(page);
    CHECK(d.charset == "UTF-8");
    CHECK(d.method == "meta");
    CHECK(d.utf8.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("iso-8859-1 and us-ascii labels decode as windows-1252", "[text]") {
    const std::string bytes = "<meta charset=iso-8859-1><p>\x80 5 caf\xE9 \x93q\x94 \x81</p>";
    const auto d = decode(bytes);
    CHECK(d.charset == "windows-1252");
    CHECK(d.method == "meta");
    CHECK(d.utf8 == "<meta charset=iso-8859-1><p>€ 5 café “q” \xC2\x81</p>");
    CHECK(decode("<p>\x80</p>", "text/html;charset=us-ascii").utf8 == "<p>€</p>");
}

TEST_CASE("undeclared pure ASCII falls back to windows-1252 and undeclared UTF-8 is validated", "[text]") {
    const auto ascii = decode("<html><p>plain</p></html>");
    CHECK(ascii.charset == "windows-1252");
    CHECK(ascii.method == "default");
    const auto utf8 = decode("<html><p>漏洞利用 and more</p></html>");
    CHECK(utf8.charset == "UTF-8");
    CHECK(utf8.method == "validated");
}

TEST_CASE("invalid UTF-8 and truncated multi-byte sequences become U+FFFD", "[text]") {
    CHECK(decode("<p>a\xFF"
                 "b</p>",
                 "text/html; charset=utf-8")
              .utf8 ==
          "<p>a\xEF\xBF\xBD"
          "b</p>");
    // One replacement per maximal invalid subpart: a truncated 3-byte sequence is one U+FFFD.
    CHECK(decode("a\xE6\xBC"
                 "b",
                 "text/html; charset=utf-8")
              .utf8 ==
          "a\xEF\xBF\xBD"
          "b");
    // A GBK lead byte at the end of the input.
    CHECK(decode("ab\xD6", "text/plain; charset=gbk").utf8 == "ab\xEF\xBF\xBD");
}

TEST_CASE("input over the cap is refused with the cap in the message", "[text]") {
    auto r = text::decode_to_utf8("0123456789abc", {}, 10);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "text: input over 10 bytes");
    CHECK(text::decode_to_utf8("0123456789", {}, 10).has_value());
}

TEST_CASE("empty input decodes to empty text", "[text]") {
    const auto d = decode("");
    CHECK(d.utf8.empty());
    CHECK(d.method == "default");
}

TEST_CASE("charset_from_content_type reads the charset parameter", "[text]") {
    CHECK(text::charset_from_content_type("text/html; charset=GBK") == "GBK");
    CHECK(text::charset_from_content_type("text/html;Charset=\"utf-8\" ; q=1") == "utf-8");
    CHECK(text::charset_from_content_type("text/html; format=flowed; charset='big5'") == "big5");
    CHECK_FALSE(text::charset_from_content_type("text/html"));
    CHECK_FALSE(text::charset_from_content_type("text/html; charset="));
    CHECK_FALSE(text::charset_from_content_type("charset=gbk"));  // a parameter needs a media type first
    CHECK_FALSE(text::charset_from_content_type(""));
}

TEST_CASE("the prescan follows the HTML rules for comments, tags and pragmas", "[text]") {
    CHECK(text::prescan_charset("<!-- <meta charset=gbk> --><meta charset=big5>") == "big5");
    CHECK(text::prescan_charset("<div title='<meta charset=gbk>'><meta charset=\"euc-kr\">") == "euc-kr");
    // content="...charset=" counts only together with http-equiv=content-type.
    CHECK_FALSE(text::prescan_charset("<meta content='text/html; charset=gbk'>"));
    CHECK(text::prescan_charset("<meta content='text/html; charset=gbk' http-equiv='Content-Type'>") == "gbk");
    CHECK(text::prescan_charset("<meta http-equiv=content-type content=\"text/html;charset = 'gb2312'\">") == "gb2312");
    // A page cannot declare UTF-16 for itself.
    CHECK(text::prescan_charset("<meta charset=utf-16le>") == "utf-8");
    CHECK(text::prescan_charset("<?xml version='1.0' encoding='Big5'?><rss/>") == "big5");
    CHECK_FALSE(text::prescan_charset("<p>no declaration</p>"));
    // Only the window is read.
    const std::string late = std::string(5000, ' ') + "<meta charset=gbk>";
    CHECK_FALSE(text::prescan_charset(late));
    CHECK(text::prescan_charset(late, 8192) == "gbk");
    CHECK_FALSE(text::prescan_charset("<meta charset=\"gbk"));  // cut off inside the value
}

TEST_CASE("charset labels map to canonical names", "[text]") {
    CHECK(text::canonical_charset("GBK") == "GB18030");
    CHECK(text::canonical_charset(" gb2312 ") == "GB18030");
    CHECK(text::canonical_charset("x-gbk") == "GB18030");
    CHECK(text::canonical_charset("latin1") == "windows-1252");
    CHECK(text::canonical_charset("sjis") == "Shift_JIS");
    CHECK(text::canonical_charset("utf8") == "UTF-8");
    CHECK(text::canonical_charset("koi8-r") == "KOI8-R");
    CHECK(text::canonical_charset("UTF-32LE").has_value());  // outside the table: ICU's aliases
    CHECK_FALSE(text::canonical_charset("no-such-charset"));
    CHECK_FALSE(text::canonical_charset(""));
}

TEST_CASE("decode_as decodes with a named charset", "[text]") {
    CHECK(text::decode_as("\xC2\xA9\xB6\xB4", "gbk") == "漏洞");
    CHECK(text::decode_as("\xEF\xBB\xBFok", "utf-8") == "ok");
    CHECK_FALSE(text::decode_as("x", "no-such-charset"));
}
