#include "dossier/archive/warc_writer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "archive_test_support.hpp"
#include "dossier/archive/library_version.hpp"
#include "dossier/archive/warc_digest.hpp"
#include "dossier/archive/warc_reader.hpp"

using namespace dossier::archive;
using dossier::archive::test::TempDir;

namespace {

const std::string k_body = "Hello, dossier!\n";
const std::string k_http = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 16\r\n\r\n" + k_body;
constexpr std::int64_t k_when = 1766472952;  // 2025-12-23T06:55:52Z

std::vector<WarcRecord> read_all(const std::filesystem::path& path) {
    auto reader = WarcReader::open(path);
    REQUIRE(reader);
    std::vector<WarcRecord> records;
    for (;;) {
        auto next = reader->next();
        REQUIRE(next);  // no errors expected
        if (!*next) {
            return records;
        }
        records.push_back(std::move(**next));
    }
}

std::vector<std::string> types_of(const std::vector<WarcRecord>& records) {
    std::vector<std::string> types;
    for (const auto& r : records) {
        types.push_back(r.type());
    }
    return types;
}

std::vector<std::string> names_of(const WarcRecord& record) {
    std::vector<std::string> names;
    for (const auto& field : record.fields) {
        names.push_back(field.first);
    }
    return names;
}

bool is_v4_uuid_id(const std::string& id) {
    // "<urn:uuid:xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx>"
    if (id.size() != 47 || id.rfind("<urn:uuid:", 0) != 0 || id.back() != '>') {
        return false;
    }
    const std::string uuid = id.substr(10, 36);
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? uuid[i] != '-' : std::string("0123456789abcdef").find(uuid[i]) == std::string::npos) {
            return false;
        }
    }
    return uuid[14] == '4' && std::string("89ab").find(uuid[19]) != std::string::npos;
}

}  // namespace

TEST_CASE("writer and reader round-trip records of a .warc.gz with matching offsets", "[archive]") {
    TempDir dir;
    const auto path = dir / "run-1.warc.gz";
    std::vector<dossier::core::CaptureRef> refs;
    {
        auto writer = WarcWriter::open(path, WarcInfo{"dossier/test", "ops@example.org", "unit test", "classic", "ua"});
        REQUIRE(writer);
        auto response = writer->write_response("https://example.com/a?b=1", k_when, k_http, "203.0.113.7");
        REQUIRE(response);
        const std::string response_id = writer->last_record_id();
        auto request = writer->write_request("https://example.com/a?b=1", k_when,
                                             "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n", response_id);
        REQUIRE(request);
        auto resource = writer->write_resource("file:///tmp/page.html", k_when, "text/html", "<p>local</p>");
        REQUIRE(resource);
        REQUIRE(writer->flush());
        refs = {*response, *request, *resource};
        CHECK(writer->size() == std::filesystem::file_size(path));
    }
    const auto records = read_all(path);
    REQUIRE(types_of(records) == std::vector<std::string>{"warcinfo", "response", "request", "resource"});
    CHECK(records[0].offset == 0);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const WarcRecord& record = records[i + 1];
        CHECK(refs[i].warc_file == "run-1.warc.gz");
        CHECK(record.offset == refs[i].offset);
        CHECK(record.length == refs[i].length);
        CHECK(record.addressable);
        auto again = WarcReader::read_at(path, refs[i].offset);
        REQUIRE(again);
        CHECK(again->fields == record.fields);
        CHECK(again->block == record.block);
        CHECK(again->length == record.length);
    }
    CHECK(records[1].block == k_http);
    CHECK(records[2].field("WARC-Concurrent-To") == records[1].record_id());
    CHECK(records[3].block == "<p>local</p>");
    CHECK(records[3].field("Content-Type") == "text/html");
}

TEST_CASE("every record of a written .warc.gz is a gzip member of its own", "[archive]") {
    TempDir dir;
    const auto path = dir / "members.warc.gz";
    std::vector<dossier::core::CaptureRef> refs;
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        for (int i = 0; i < 3; ++i) {
            auto ref = writer->write_response("https://example.com/" + std::to_string(i), k_when, k_http);
            REQUIRE(ref);
            refs.push_back(*ref);
        }
    }
    const auto members = test::gzip_members(test::read_file(path));
    REQUIRE(members.size() == 4);  // warcinfo + 3 responses
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::string& text = members[i].data;
        CHECK(text.rfind("WARC/1.1\r\n", 0) == 0);
        CHECK(text.size() >= 4);
        CHECK(text.substr(text.size() - 4) == "\r\n\r\n");
        if (i > 0) {
            CHECK(members[i].offset == refs[i - 1].offset);
            CHECK(members[i].length == refs[i - 1].length);
            // The record inside the member is exactly header + Content-Length bytes + CRLF CRLF.
            CHECK(text.find("Content-Length: " + std::to_string(k_http.size()) + "\r\n\r\n" + k_http + "\r\n\r\n") !=
                  std::string::npos);
        }
    }
}

TEST_CASE("the first record is a warcinfo record with the WARC 1.1 fields", "[archive]") {
    TempDir dir;
    const auto path = dir / "info.warc.gz";
    REQUIRE(WarcWriter::open(path, WarcInfo{"dossier/0.1.0", "ops@example.org", "nightly\r\ncrawl", "classic", "Mozilla/5.0 dossier"}));
    const auto records = read_all(path);
    REQUIRE(records.size() == 1);
    const WarcRecord& info = records[0];
    CHECK(info.version == "WARC/1.1");
    CHECK(names_of(info) == std::vector<std::string>{"WARC-Type", "WARC-Record-ID", "WARC-Date", "WARC-Filename",
                                                     "WARC-Block-Digest", "Content-Type", "Content-Length"});
    CHECK(info.type() == "warcinfo");
    CHECK(is_v4_uuid_id(info.record_id()));
    const std::string date = info.field("WARC-Date");
    CHECK(date.size() == 20);
    CHECK(date[10] == 'T');
    CHECK(date.back() == 'Z');
    CHECK(info.field("WARC-Filename") == "info.warc.gz");
    CHECK(info.field("Content-Type") == "application/warc-fields");
    CHECK(info.field("WARC-Target-URI").empty());  // section 5.14: never on warcinfo
    CHECK(matches_sha1_digest(info.field("WARC-Block-Digest"), info.block));
    CHECK(info.block == "software: dossier/0.1.0\r\n"
                        "format: WARC File Format 1.1\r\n"
                        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
                        "operator: ops@example.org\r\n"
                        "description: nightly  crawl\r\n"
                        "robots: classic\r\n"
                        "http-header-user-agent: Mozilla/5.0 dossier\r\n");
}

TEST_CASE("a response record carries every field the spec asks for, in order", "[archive]") {
    TempDir dir;
    const auto path = dir / "fields.warc.gz";
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        REQUIRE(writer->write_response("https://example.com/news/1", k_when, k_http, "2001:db8::1"));
    }
    const auto records = read_all(path);
    REQUIRE(records.size() == 2);
    const WarcRecord& r = records[1];
    CHECK(names_of(r) == std::vector<std::string>{"WARC-Type", "WARC-Record-ID", "WARC-Date", "WARC-Target-URI",
                                                  "WARC-Warcinfo-ID", "WARC-IP-Address", "WARC-Block-Digest",
                                                  "WARC-Payload-Digest", "Content-Type", "Content-Length"});
    CHECK(r.version == "WARC/1.1");
    CHECK(r.field("WARC-Type") == "response");
    CHECK(is_v4_uuid_id(r.record_id()));
    CHECK(r.record_id() != records[0].record_id());
    CHECK(r.field("WARC-Date") == "2025-12-23T06:55:52Z");
    CHECK(r.field("WARC-Target-URI") == "https://example.com/news/1");
    CHECK(r.field("WARC-Warcinfo-ID") == records[0].record_id());
    CHECK(r.field("WARC-IP-Address") == "2001:db8::1");
    CHECK(r.field("WARC-Block-Digest") == warc_sha1_digest(k_http));
    // base32(sha1("Hello, dossier!\n")), computed independently with Python's hashlib.
    CHECK(r.field("WARC-Payload-Digest") == "sha1:A7WF4BQIU3FYNESXHOHVYMFQ4K6HZCT4");
    CHECK(r.field("Content-Type") == "application/http;msgtype=response");
    CHECK(r.field("Content-Length") == std::to_string(k_http.size()));
}

TEST_CASE("the payload digest of an empty body is the well-known sha1 of nothing", "[archive]") {
    TempDir dir;
    const auto path = dir / "empty.warc.gz";
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        REQUIRE(writer->write_response("https://example.com/", k_when, "HTTP/1.1 304 Not Modified\r\n\r\n"));
        // No blank line: no well-defined payload, so no payload digest (section 5.9).
        REQUIRE(writer->write_response("https://example.com/odd", k_when, "garbage without headers"));
    }
    const auto records = read_all(path);
    REQUIRE(records.size() == 3);
    CHECK(records[1].field("WARC-Payload-Digest") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
    CHECK(records[2].field("WARC-Payload-Digest").empty());
    CHECK(records[2].block == "garbage without headers");
}

TEST_CASE("base32 follows the RFC 4648 test vectors", "[archive]") {
    CHECK(base32_encode("").empty());
    CHECK(base32_encode("f") == "MY======");
    CHECK(base32_encode("fo") == "MZXQ====");
    CHECK(base32_encode("foo") == "MZXW6===");
    CHECK(base32_encode("foob") == "MZXW6YQ=");
    CHECK(base32_encode("fooba") == "MZXW6YTB");
    CHECK(base32_encode("foobar") == "MZXW6YTBOI======");
    CHECK(warc_sha1_digest("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
    CHECK(matches_sha1_digest("SHA1:3i42h3s6nnfq2msvx7xzkyayscx5qbyj", ""));
    CHECK(matches_sha1_digest("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", ""));
    CHECK_FALSE(matches_sha1_digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", "x"));
    CHECK_FALSE(matches_sha1_digest("md5:d41d8cd98f00b204e9800998ecf8427e", ""));
}

TEST_CASE("record ids are distinct random version 4 uuids", "[archive]") {
    const std::string a = new_record_id();
    const std::string b = new_record_id();
    CHECK(is_v4_uuid_id(a));
    CHECK(is_v4_uuid_id(b));
    CHECK(a != b);
}

TEST_CASE("a target uri that would break the header is refused and nothing is written", "[archive]") {
    TempDir dir;
    const auto path = dir / "bad.warc.gz";
    auto writer = WarcWriter::open(path, WarcInfo{});
    REQUIRE(writer);
    const auto before = writer->size();
    auto bad = writer->write_response("https://example.com/a b", k_when, k_http);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.rfind("archive: target uri contains whitespace", 0) == 0);
    CHECK_FALSE(writer->write_response("https://example.com/\r\nWARC-Type: x", k_when, k_http));
    CHECK_FALSE(writer->write_response("https://example.com/", k_when, k_http, "1.2.3.4\r\n"));
    CHECK_FALSE(writer->write_request("https://example.com/", k_when, "GET / HTTP/1.1\r\n\r\n", "<a b>"));
    CHECK(writer->size() == before);
    CHECK(std::filesystem::file_size(path) == before);
}

TEST_CASE("a non-ascii target uri is written percent-encoded", "[archive]") {
    TempDir dir;
    const auto path = dir / "iri.warc.gz";
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        REQUIRE(writer->write_response("https://example.cn/漏洞", k_when, k_http));
    }
    const auto records = read_all(path);
    REQUIRE(records.size() == 2);
    CHECK(records[1].target_uri() == "https://example.cn/%E6%BC%8F%E6%B4%9E");
}

TEST_CASE("a path without .gz gets plain records with the same offsets", "[archive]") {
    TempDir dir;
    const auto path = dir / "plain.warc";
    dossier::core::CaptureRef ref;
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        auto written = writer->write_response("https://example.com/", k_when, k_http);
        REQUIRE(written);
        ref = *written;
    }
    const std::string file = test::read_file(path);
    CHECK(file.rfind("WARC/1.1\r\nWARC-Type: warcinfo\r\n", 0) == 0);
    CHECK(file.substr(ref.offset, 10) == "WARC/1.1\r\n");
    CHECK(ref.offset + ref.length == file.size());
    auto record = WarcReader::read_at(path, ref.offset);
    REQUIRE(record);
    CHECK(record->block == k_http);
}

TEST_CASE("opening an existing file appends after its records with a new warcinfo", "[archive]") {
    TempDir dir;
    const auto path = dir / "append.warc.gz";
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        REQUIRE(writer->write_response("https://example.com/1", k_when, k_http));
    }
    const auto first_size = std::filesystem::file_size(path);
    dossier::core::CaptureRef second;
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        CHECK_FALSE(writer->salvaged_tail());
        auto ref = writer->write_response("https://example.com/2", k_when, k_http);
        REQUIRE(ref);
        second = *ref;
    }
    CHECK(second.offset > first_size);
    const auto records = read_all(path);
    REQUIRE(types_of(records) == std::vector<std::string>{"warcinfo", "response", "warcinfo", "response"});
    CHECK(records[2].offset == first_size);
    CHECK(records[3].field("WARC-Warcinfo-ID") == records[2].record_id());
    CHECK(records[3].target_uri() == "https://example.com/2");
}

TEST_CASE("a torn last record is moved aside and the next run appends after the last whole one", "[archive]") {
    TempDir dir;
    const auto path = dir / "torn.warc.gz";
    dossier::core::CaptureRef last;
    {
        auto writer = WarcWriter::open(path, WarcInfo{});
        REQUIRE(writer);
        REQUIRE(writer->write_response("https://example.com/1", k_when, k_http));
        auto ref = writer->write_response("https://example.com/2", k_when, std::string(5000, 'x'));
        REQUIRE(ref);
        last = *ref;
    }
    // The crawl was killed while writing the last member: only part of it reached the disk.
    const std::string whole = test::read_file(path);
    const std::string torn = whole.substr(0, last.offset + last.length / 2);
    test::write_file(path, torn);

    {
        auto reader = WarcReader::open(path);
        REQUIRE(reader);
        REQUIRE(reader->next());  // warcinfo
        REQUIRE(reader->next());  // first response
        auto broken = reader->next();
        REQUIRE_FALSE(broken);
        CHECK(broken.error().message ==
              "archive: truncated gzip member at offset " + std::to_string(last.offset) + ": " + path.string());
        auto end = reader->next();
        REQUIRE(end);
        CHECK_FALSE(*end);
        CHECK(reader->complete_end() == last.offset);
    }

    auto writer = WarcWriter::open(path, WarcInfo{});
    REQUIRE(writer);
    REQUIRE(writer->salvaged_tail());
    CHECK(test::read_file(*writer->salvaged_tail()) == torn.substr(last.offset));
    REQUIRE(writer->write_response("https://example.com/3", k_when, k_http));
    const auto records = read_all(path);  // no errors left
    REQUIRE(types_of(records) == std::vector<std::string>{"warcinfo", "response", "warcinfo", "response"});
    CHECK(records[2].offset == last.offset);
    CHECK(records[3].target_uri() == "https://example.com/3");
}

TEST_CASE("a file that is not a warc is never appended to", "[archive]") {
    TempDir dir;
    const auto path = dir / "notes.warc.gz";
    test::write_file(path, "<html>not a warc</html>\n");
    auto writer = WarcWriter::open(path, WarcInfo{});
    REQUIRE_FALSE(writer);
    CHECK(writer.error().message == "archive: not a warc file, will not append: " + path.string());
    CHECK(test::read_file(path) == "<html>not a warc</html>\n");
}

TEST_CASE("the zlib version is reported as dotted numbers", "[archive]") {
    const std::string version = library_version();
    REQUIRE(version.size() >= 3);
    CHECK(version.find_first_not_of("0123456789.-abcdefghijklmnopqrstuvwxyz") == std::string::npos);
    CHECK(version[0] >= '1');
    CHECK(version[0] <= '9');
    CHECK(version[1] == '.');
}
