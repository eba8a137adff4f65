// How the reader reports damaged records and finds the records after them (docs/warc.md).
#include "dossier/archive/warc_reader.hpp"

#include <catch2/catch.hpp>

#include "archive_test_support.hpp"
#include "dossier/archive/warc_digest.hpp"
#include "dossier/archive/warc_writer.hpp"

using namespace dossier::archive;
using namespace dossier::archive::test;

TEST_CASE("a truncated gzip member in the middle is reported and the records after it are read", "[archive]") {
    TempDir dir;
    std::vector<std::uint64_t> members;
    const auto good = make_gzip_fixture(dir, members);
    const std::string file = test::read_file(good);
    // Member 1 (the resource record) lost its second half; the others are intact.
    const std::uint64_t cut_at = members[1] + (members[2] - members[1]) / 2;
    const auto path = dir / "cut.warc.gz";
    test::write_file(path, file.substr(0, cut_at) + file.substr(members[2]));

    const Pass pass = read_pass(path);
    REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "error", "response", "revisit"});
    const std::string& error = pass.errors[0];
    CHECK(error.rfind("archive: truncated or corrupt gzip member at offset " + std::to_string(members[1]), 0) == 0);
    CHECK(error.substr(error.size() - path.string().size()) == path.string());
    // Records after the damage keep their real offsets, so read_at still finds them.
    CHECK(pass.records[1].offset == cut_at);  // where the response member now starts
    auto again = WarcReader::read_at(path, pass.records[2].offset);
    REQUIRE(again);
    CHECK(again->type() == "revisit");
}

TEST_CASE("garbage bytes inside a gzip member make only that record an error", "[archive]") {
    TempDir dir;
    std::vector<std::uint64_t> members;
    const auto good = make_gzip_fixture(dir, members);
    std::string file = test::read_file(good);
    for (std::uint64_t i = members[2] + 20; i < members[2] + 40; ++i) {
        file[i] = static_cast<char>(file[i] ^ 0x5a);
    }
    const auto path = dir / "flipped.warc.gz";
    test::write_file(path, file);
    const Pass pass = read_pass(path);
    REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "resource", "error", "revisit"});
    CHECK(pass.errors[0].find("at offset " + std::to_string(members[2])) != std::string::npos);
}

TEST_CASE("a Content-Length that is too long or too short is reported and the next record found", "[archive]") {
    TempDir dir;
    const std::string file = test::read_file(test::fixture("wget_plain_warc10.warc"));
    const std::string request_length = "Content-Length: 156\r\n";
    REQUIRE(file.find(request_length) != std::string::npos);
    const std::uint64_t request_offset = file.find("WARC/1.0\r\nWARC-Type: request");

    for (const char* wrong : {"Content-Length: 206\r\n", "Content-Length: 140\r\n", "Content-Length: 99999\r\n"}) {
        INFO(wrong);
        const auto path = dir / "wrong-length.warc";
        test::write_file(path, replace_once(file, request_length, wrong));
        const Pass pass = read_pass(path);
        REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "error", "response", "metadata"});
        CHECK(pass.errors[0].find("at offset " + std::to_string(request_offset) + ": " + path.string()) !=
              std::string::npos);
        CHECK(pass.records[1].target_uri() == "https://news.example.com/2024/03/10/patch-day.html");
        CHECK(matches_sha1_digest(pass.records[1].field("WARC-Block-Digest"), pass.records[1].block));
    }
}

TEST_CASE("a torn final record of a plain WARC is an error and ends the file", "[archive]") {
    TempDir dir;
    const std::string file = test::read_file(test::fixture("wget_plain_warc10.warc"));
    const std::uint64_t last = file.rfind("WARC/1.0\r\n");
    const auto path = dir / "torn.warc";
    test::write_file(path, file.substr(0, file.find("\r\n\r\n", last) + 4 + 10));  // header and 10 block bytes
    auto reader = WarcReader::open(path);
    REQUIRE(reader);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(reader->next());
    }
    auto torn = reader->next();
    REQUIRE_FALSE(torn);
    CHECK(torn.error().message == "archive: record block runs past the end of the file (torn record or wrong "
                                  "Content-Length) at offset " + std::to_string(last) + ": " + path.string());
    auto end = reader->next();
    REQUIRE(end);
    CHECK_FALSE(*end);
    CHECK(reader->complete_end() == last);
}

TEST_CASE("a block over the cap is reported and skipped without stopping the file", "[archive]") {
    TempDir dir;
    for (const char* name : {"cap.warc.gz", "cap.warc"}) {
        INFO(name);
        const auto path = dir / name;
        dossier::core::CaptureRef big;
        {
            auto writer = WarcWriter::open(path, WarcInfo{});
            REQUIRE(writer);
            auto ref = writer->write_response("https://example.com/big", 0, "HTTP/1.1 200 OK\r\n\r\n" + std::string(300000, 'b'));
            REQUIRE(ref);
            big = *ref;
            REQUIRE(writer->write_response("https://example.com/small", 0, "HTTP/1.1 200 OK\r\n\r\nsmall"));
        }
        ReaderOptions options;
        options.max_block_bytes = 100000;
        const Pass pass = read_pass(path, options);
        REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "error", "response"});
        CHECK(pass.errors[0] == "archive: record block of 300019 bytes over the cap of 100000 bytes at offset " +
                                    std::to_string(big.offset) + ": " + path.string());
        CHECK(pass.records[1].target_uri() == "https://example.com/small");
        auto at = WarcReader::read_at(path, big.offset, options);
        CHECK_FALSE(at);
    }
}

TEST_CASE("a record whose gzip member fails its CRC check is not returned", "[archive]") {
    TempDir dir;
    std::vector<std::uint64_t> members;
    const auto good = make_gzip_fixture(dir, members);
    std::string file = test::read_file(good);
    file[members[2] - 8] = static_cast<char>(file[members[2] - 8] ^ 0x01);  // CRC32 of member 1
    const auto path = dir / "crc.warc.gz";
    test::write_file(path, file);
    const Pass pass = read_pass(path);
    REQUIRE(pass.events == std::vector<std::string>{"warcinfo", "error", "response", "revisit"});
    CHECK(pass.errors[0].find("gzip member at offset " + std::to_string(members[1]) + " (zlib: incorrect data check)") !=
          std::string::npos);
}
