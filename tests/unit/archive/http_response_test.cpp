#include "dossier/archive/http_response.hpp"

#include <catch2/catch.hpp>

#include "archive_test_support.hpp"

using namespace dossier::archive;

namespace {

std::string chunked(std::string_view body, std::size_t piece) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t at = 0; at < body.size(); at += piece) {
        const std::string_view part = body.substr(at, piece);
        std::string size;
        for (std::size_t n = part.size(); n > 0; n /= 16) {
            size.insert(size.begin(), k_hex[n % 16]);
        }
        out += size + ";ext=1\r\n" + std::string(part) + "\r\n";
    }
    return out + "0\r\nX-Trailer: yes\r\n\r\n";
}

// A page that compresses like text does: words, not one repeated byte.
std::string make_page() {
    std::string page = "<html><body><h1>Advisory</h1><p>";
    std::uint32_t state = 12345;
    for (int i = 0; i < 3000; ++i) {
        state = state * 1103515245u + 12345u;
        page += "patch exploit kernel update vendor advisory remote "[(state >> 16) % 50];
    }
    return page + "</p></body></html>";
}

const std::string k_page = make_page();

}  // namespace

TEST_CASE("status, headers in order and a plain body come out of a response block", "[archive]") {
    auto capture = parse_http_response("HTTP/1.1 404 Not Found\r\nServer: x\r\nSet-Cookie: a=1\r\n"
                                       "X-Folded: one\r\n two\r\nSet-Cookie: b=2\r\n\r\nmissing");
    REQUIRE(capture);
    CHECK(capture->status == 404);
    CHECK(capture->headers == std::vector<std::pair<std::string, std::string>>{
                                  {"Server", "x"}, {"Set-Cookie", "a=1"}, {"X-Folded", "one two"}, {"Set-Cookie", "b=2"}});
    CHECK(capture->body == "missing");
    CHECK(capture->url.empty());
}

TEST_CASE("a chunked body is de-chunked", "[archive]") {
    auto capture = parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(k_page, 700));
    REQUIRE(capture);
    CHECK(capture->body == k_page);
}

TEST_CASE("a gzip body, also when chunked, is decoded", "[archive]") {
    const std::string gz = test::gzip_member(k_page);
    auto plain = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz);
    REQUIRE(plain);
    CHECK(plain->body == k_page);

    auto both = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                    chunked(gz, 17));
    REQUIRE(both);
    CHECK(both->body == k_page);
    // Headers stay as recorded even though the body is now decoded.
    CHECK(both->headers[0].second == "gzip");

    // Two members one after the other are one body (RFC 1952 section 2.2).
    auto members = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\n\r\n" +
                                       test::gzip_member("abc") + test::gzip_member("def"));
    REQUIRE(members);
    CHECK(members->body == "abcdef");
}

TEST_CASE("deflate bodies are decoded whether zlib-wrapped or raw", "[archive]") {
    auto zlib = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + test::deflate_zlib(k_page));
    REQUIRE(zlib);
    CHECK(zlib->body == k_page);
    auto raw = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + test::deflate_raw(k_page));
    REQUIRE(raw);
    CHECK(raw->body == k_page);
}

TEST_CASE("a body stored already decoded or cut short is kept as far as it goes", "[archive]") {
    auto stored_decoded = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                              "Transfer-Encoding: chunked\r\n\r\n<html>plain</html>");
    REQUIRE(stored_decoded);
    CHECK(stored_decoded->body == "<html>plain</html>");

    const std::string gz = test::gzip_member(k_page);
    auto cut = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz.substr(0, gz.size() / 2));
    REQUIRE(cut);
    CHECK(!cut->body.empty());
    CHECK(k_page.rfind(cut->body, 0) == 0);  // a prefix of the real page

    auto garbled = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b garbage garbage");
    REQUIRE_FALSE(garbled);
    CHECK(garbled.error().message.rfind("archive: cannot decode compressed body", 0) == 0);
}

TEST_CASE("a decoded body over the cap is an error, compressed or chunked", "[archive]") {
    const std::string zeros(1 << 20, '\0');
    auto bomb = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + test::gzip_member(zeros), 4096);
    REQUIRE_FALSE(bomb);
    CHECK(bomb.error().message == "archive: decoded body over 4096 bytes");

    auto chunks = parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(k_page, 100), 1000);
    REQUIRE_FALSE(chunks);
    CHECK(chunks.error().message == "archive: decoded body over 1000 bytes");

    auto plain = parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + k_page, 1000);
    REQUIRE_FALSE(plain);
    CHECK(plain.error().message == "archive: decoded body over 1000 bytes");

    auto fits = parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + k_page, k_page.size());
    CHECK(fits);
}

TEST_CASE("a block that is not an http response is an error", "[archive]") {
    for (const char* block : {"", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "<html>hello</html>", "HTTP/1.1 OK\r\n\r\n",
                              "HTTP/1.1 20x OK\r\n\r\n", "HTTP/1.12000\r\n"}) {
        INFO(block);
        auto capture = parse_http_response(block);
        REQUIRE_FALSE(capture);
        CHECK(capture.error().message == "archive: not an http response");
    }
}

TEST_CASE("interim 1xx responses before the final one are skipped", "[archive]") {
    auto capture = parse_http_response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\n\r\ndone");
    REQUIRE(capture);
    CHECK(capture->status == 201);
    CHECK(capture->body == "done");
    auto status_only = parse_http_response("HTTP/1.0 204");
    REQUIRE(status_only);
    CHECK(status_only->status == 204);
    CHECK(status_only->body.empty());
}

TEST_CASE("content codings other than gzip and deflate are refused", "[archive]") {
    auto br = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x0b\x02\x80");
    REQUIRE_FALSE(br);
    CHECK(br.error().message == "archive: unsupported content-encoding: br");
    auto identity = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\n\r\nsame");
    REQUIRE(identity);
    CHECK(identity->body == "same");
}

TEST_CASE("to_capture reads dates at every W3CDTF precision and needs an http block", "[archive]") {
    WarcRecord record;
    record.fields = {{"WARC-Type", "response"}, {"WARC-Target-URI", "<https://a.example/>"}, {"WARC-Date", "2016-01"},
                     {"Content-Type", "application/http; msgtype=response"}};
    record.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nbody";
    record.offset = 42;
    record.length = 99;
    auto capture = to_capture(record, "x.warc.gz");
    REQUIRE(capture);
    CHECK(capture->fetched_at == 1451606400);  // 2016-01-01T00:00:00Z
    CHECK(capture->url == "https://a.example/");
    CHECK(capture->ref.offset == 42);
    CHECK(capture->ref.length == 99);
    CHECK(capture->body == "body");

    record.fields[3].second = "text/dns";
    auto dns = to_capture(record, "x.warc.gz");
    REQUIRE_FALSE(dns);
    CHECK(dns.error().message == "archive: response record holds text/dns, not an http message at offset 42: x.warc.gz");

    record.fields[3].second = "application/http";
    record.block = "not http";
    auto broken = to_capture(record, "x.warc.gz");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message == "archive: not an http response at offset 42: x.warc.gz");
}
