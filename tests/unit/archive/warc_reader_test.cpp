#include "dossier/archive/warc_reader.hpp"

#include <catch2/catch.hpp>

#include "archive_test_support.hpp"
#include "dossier/archive/http_response.hpp"
#include "dossier/archive/warc_digest.hpp"
#include "dossier/archive/warc_writer.hpp"

using namespace dossier::archive;
using namespace dossier::archive::test;

TEST_CASE("fixtures keep their CRLF line endings", "[archive]") {
    // If this fails, something rewrote the line endings of tests/fixtures/archive/*.warc.
    CHECK(test::read_file(test::fixture("wget_plain_warc10.warc")).rfind("WARC/1.0\r\nWARC-Type: warcinfo\r\n", 0) == 0);
    CHECK(test::read_file(test::fixture("warcio_resource_revisit_records.warc")).rfind("WARC/1.1\r\n", 0) == 0);
}

TEST_CASE("a wget-style plain WARC/1.0 is read record by record", "[archive]") {
    const auto path = test::fixture("wget_plain_warc10.warc");
    const Pass pass = read_pass(path);
    REQUIRE(pass.errors.empty());
    REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "request", "response", "metadata"});
    std::uint64_t expected_offset = 0;
    for (const auto& record : pass.records) {
        CHECK(record.version == "WARC/1.0");
        CHECK(record.offset == expected_offset);
        expected_offset = record.offset + record.length;
        // The digests were computed by another implementation (Python hashlib) when the
        // fixture was made.
        CHECK(matches_sha1_digest(record.field("WARC-Block-Digest"), record.block));
    }
    CHECK(expected_offset == std::filesystem::file_size(path));
    const WarcRecord& response = pass.records[2];
    CHECK(response.target_uri() == "https://news.example.com/2024/03/10/patch-day.html");
    CHECK(response.field("warc-concurrent-to") == pass.records[1].record_id());
    CHECK(pass.records[3].target_uri() == "metadata://gnu.org/software/wget/warc/MANIFEST.txt");

    auto again = WarcReader::read_at(path, response.offset);
    REQUIRE(again);
    CHECK(again->block == response.block);
    CHECK(again->fields == response.fields);
}

TEST_CASE("the wget response becomes a de-chunked capture; other types are not captures", "[archive]") {
    const Pass pass = read_pass(test::fixture("wget_plain_warc10.warc"));
    REQUIRE(pass.records.size() == 4);
    auto capture = to_capture(pass.records[2], "example.warc");
    REQUIRE(capture);
    CHECK(capture->status == 200);
    CHECK(capture->url == "https://news.example.com/2024/03/10/patch-day.html");
    CHECK(capture->fetched_at == 1710090900);  // 2024-03-10T17:15:00Z
    CHECK(capture->ref.warc_file == "example.warc");
    CHECK(capture->ref.offset == pass.records[2].offset);
    CHECK(capture->ref.length == pass.records[2].length);
    CHECK(capture->body.rfind("<!doctype html>", 0) == 0);
    CHECK(capture->body.find("Patch day: 漏洞 fixed") != std::string::npos);
    CHECK(capture->body.find("\r\n") == std::string::npos);  // no chunk framing left
    REQUIRE(capture->headers.size() == 4);
    CHECK(capture->headers[1] == std::pair<std::string, std::string>{"Content-Type", "text/html; charset=utf-8"});
    // The payload digest covers the entity body as it followed the header block.
    const std::string& block = pass.records[2].block;
    CHECK(matches_sha1_digest(pass.records[2].field("WARC-Payload-Digest"), block.substr(block.find("\r\n\r\n") + 4)));

    for (const std::size_t i : {0u, 1u, 3u}) {
        auto not_capture = to_capture(pass.records[i], "example.warc");
        REQUIRE_FALSE(not_capture);
        CHECK(not_capture.error().message.rfind("archive: not a response or resource record at offset ", 0) == 0);
    }
}

TEST_CASE("warcio-style records gzipped per record: resource, response and revisit", "[archive]") {
    TempDir dir;
    std::vector<std::uint64_t> members;
    const auto path = make_gzip_fixture(dir, members);
    const Pass pass = read_pass(path);
    REQUIRE(pass.errors.empty());
    REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "resource", "response", "revisit"});
    for (std::size_t i = 0; i < pass.records.size(); ++i) {
        CHECK(pass.records[i].version == "WARC/1.1");
        CHECK(pass.records[i].offset == members[i]);
        CHECK(pass.records[i].addressable);
        const std::uint64_t end = i + 1 < members.size() ? members[i + 1] : std::filesystem::file_size(path);
        CHECK(pass.records[i].length == end - members[i]);
        auto again = WarcReader::read_at(path, members[i]);
        REQUIRE(again);
        CHECK(again->record_id() == pass.records[i].record_id());
    }

    auto resource = to_capture(pass.records[1], path.string());
    REQUIRE(resource);
    CHECK(resource->status == 200);
    CHECK(resource->url == "file:///home/analyst/saved/advisory.html");
    CHECK(resource->fetched_at == 1714552212);  // 2024-05-01T08:30:12.345678Z, fraction dropped
    CHECK(resource->headers ==
          std::vector<std::pair<std::string, std::string>>{{"Content-Type", "text/html; charset=utf-8"}});
    CHECK(resource->body.find("安全公告") != std::string::npos);
    CHECK(matches_sha1_digest(pass.records[1].field("WARC-Payload-Digest"), resource->body));

    auto response = to_capture(pass.records[2], path.string());
    REQUIRE(response);
    CHECK(response->body == "<html><p>Original.</p></html>");
    CHECK(response->fetched_at == 1714552260);

    auto revisit = to_capture(pass.records[3], path.string());
    REQUIRE_FALSE(revisit);  // the caller skips it
    CHECK(pass.records[3].field("WARC-Refers-To-Target-URI") == "https://example.org/article/1");
}

TEST_CASE("a whole-file gzip (one member for all records) is read, later records not addressable", "[archive]") {
    TempDir dir;
    const auto path = dir / "single-member.warc.gz";
    test::write_file(path, test::gzip_member(test::read_file(test::fixture("wget_plain_warc10.warc"))));
    const Pass pass = read_pass(path);
    REQUIRE(pass.errors.empty());
    REQUIRE(pass.records.size() == 4);
    CHECK(pass.records[0].addressable);
    CHECK(pass.records[0].length == 0);
    for (std::size_t i = 1; i < 4; ++i) {
        CHECK_FALSE(pass.records[i].addressable);
        CHECK(pass.records[i].offset == 0);
    }
    CHECK(pass.records[2].type() == "response");
}

TEST_CASE("an empty file has no records and a non-warc file is refused", "[archive]") {
    TempDir dir;
    const auto empty = dir / "empty.warc.gz";
    test::write_file(empty, "");
    auto reader = WarcReader::open(empty);
    REQUIRE(reader);
    auto next = reader->next();
    REQUIRE(next);
    CHECK_FALSE(*next);

    const auto html = dir / "page.warc";
    test::write_file(html, "<!doctype html><p>hello</p>\n");
    auto refused = WarcReader::open(html);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == "archive: not a warc file: " + html.string());

    const auto missing = WarcReader::open(dir / "missing.warc");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.rfind("archive: cannot open ", 0) == 0);

    // A gzip file holding something else: one error, then the end.
    const auto gz = dir / "text.warc.gz";
    test::write_file(gz, test::gzip_member("just some text\n"));
    const Pass pass = read_pass(gz);
    CHECK(pass.events == std::vector<std::string>{"error"});
    CHECK(pass.errors[0] == "archive: not a warc record at offset 0: " + gz.string());
}

TEST_CASE("unknown record types are returned with their type for the caller to skip", "[archive]") {
    TempDir dir;
    const auto path = dir / "custom.warc";
    const std::string block = "anything";
    test::write_file(path, "WARC/1.1\r\nWARC-Type: X-Future-Type\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                           "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: 8\r\n\r\n" + block + "\r\n\r\n");
    const Pass pass = read_pass(path);
    REQUIRE(pass.records.size() == 1);
    CHECK(pass.records[0].type() == "x-future-type");
    CHECK(pass.records[0].block == block);
    CHECK_FALSE(to_capture(pass.records[0], "custom.warc"));
}

TEST_CASE("header fields are case-insensitive, folded lines join, LF-only headers are accepted", "[archive]") {
    TempDir dir;
    const auto path = dir / "lenient.warc";
    test::write_file(path, "WARC/1.0\nwarc-type: resource\nWARC-Target-URI: http://a.example/\n"
                           "X-Note: first\n  second\ncontent-length: 2\n\nhi\r\n\r\n\r\n"
                           "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    const Pass pass = read_pass(path);
    REQUIRE(pass.errors.empty());
    REQUIRE(pass.records.size() == 2);
    CHECK(pass.records[0].type() == "resource");
    CHECK(pass.records[0].field("x-note") == "first second");
    CHECK(pass.records[0].block == "hi");
    CHECK(pass.records[1].block.empty());
    CHECK(pass.records[1].field("WARC-Date").empty());
    auto capture = to_capture(pass.records[1], "lenient.warc");
    REQUIRE_FALSE(capture);
    CHECK(capture.error().message.rfind("archive: bad WARC-Date ''", 0) == 0);
}

TEST_CASE("read_at an offset that is not a record start fails with file and offset", "[archive]") {
    const auto plain = test::fixture("wget_plain_warc10.warc");
    auto bad = WarcReader::read_at(plain, 7);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "archive: not a warc record at offset 7: " + plain.string());
    CHECK_FALSE(WarcReader::read_at(plain, 1u << 30));

    TempDir dir;
    std::vector<std::uint64_t> members;
    const auto gz = make_gzip_fixture(dir, members);
    auto inside = WarcReader::read_at(gz, members[1] + 3);
    REQUIRE_FALSE(inside);
    CHECK(inside.error().message == "archive: no gzip member at offset " + std::to_string(members[1] + 3) + ": " + gz.string());
}

TEST_CASE("a large block is read whole and the record after it is found", "[archive]") {
    TempDir dir;
    std::string body;
    for (std::uint32_t s = 7; body.size() < 400000;) {
        s = s * 1103515245u + 12345u;
        body.push_back(static_cast<char>('a' + (s >> 16) % 26));
    }
    for (const char* name : {"large.warc.gz", "large.warc"}) {
        INFO(name);
        const auto path = dir / name;
        {
            auto writer = WarcWriter::open(path, WarcInfo{});
            REQUIRE(writer);
            REQUIRE(writer->write_resource("https://example.com/large", 0, "text/plain", body));
            REQUIRE(writer->write_resource("https://example.com/after", 0, "text/plain", "after"));
        }
        const Pass pass = read_pass(path);
        REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "resource", "resource"});
        CHECK(pass.records[1].block == body);
        CHECK(pass.records[2].block == "after");
        auto again = WarcReader::read_at(path, pass.records[2].offset);
        REQUIRE(again);
        CHECK(again->block == "after");
    }
}
