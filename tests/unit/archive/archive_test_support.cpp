#include "archive_test_support.hpp"
#include "compression_bombs.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace dossier::archive::test {

TempDir::TempDir() {
    std::random_device device;
    std::mt19937_64 rng(device());
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto candidate = std::filesystem::temp_directory_path() /
                               ("dossier-archive-test-" + std::to_string(rng()));
        if (std::filesystem::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::filesystem::path fixture(std::string_view name) {
    return std::filesystem::path(DOSSIER_FIXTURES) / "archive" / std::string(name);
}

std::string gzip_member(std::string_view data) { return dossier::test::deflate_all(data, 16 + 15, Z_FINISH); }
std::string deflate_raw(std::string_view data) { return dossier::test::deflate_all(data, -15, Z_FINISH); }
std::string deflate_zlib(std::string_view data) { return dossier::test::deflate_all(data, 15, Z_FINISH); }

std::vector<Member> gzip_members(std::string_view file) {
    std::vector<Member> members;
    std::size_t pos = 0;
    while (pos < file.size()) {
        z_stream z{};
        if (inflateInit2(&z, 16 + 15) != Z_OK) {
            throw std::runtime_error("inflateInit2 failed");
        }
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(file.data() + pos));
        z.avail_in = static_cast<uInt>(file.size() - pos);
        Member member;
        member.offset = pos;
        int rc = Z_OK;
        char buf[4096];
        while (rc == Z_OK) {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            rc = inflate(&z, Z_NO_FLUSH);  // stops at the end of this one member
            member.data.append(buf, sizeof buf - z.avail_out);
        }
        member.length = z.total_in;
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            throw std::runtime_error("bad gzip member at offset " + std::to_string(pos));
        }
        pos += member.length;
        members.push_back(std::move(member));
    }
    return members;
}

Pass read_pass(const std::filesystem::path& path, ReaderOptions options) {
    auto reader = WarcReader::open(path, options);
    REQUIRE(reader);
    Pass pass;
    for (int guard = 0; guard < 1000; ++guard) {
        auto next = reader->next();
        if (!next) {
            pass.errors.push_back(next.error().message);
            pass.events.emplace_back("error");
            continue;
        }
        if (!*next) {
            return pass;
        }
        pass.events.push_back((*next)->type());
        pass.records.push_back(std::move(**next));
    }
    FAIL("reader did not reach the end");
    return pass;
}

std::filesystem::path make_gzip_fixture(const TempDir& dir, std::vector<std::uint64_t>& member_offsets) {
    const auto plain = fixture("warcio_resource_revisit_records.warc");
    const std::string file = read_file(plain);
    std::string gz;
    for (const auto& record : read_pass(plain).records) {
        member_offsets.push_back(gz.size());
        gz += gzip_member(file.substr(record.offset, record.length));
    }
    const auto path = dir / "warcio_gzip_resource_revisit.warc.gz";
    write_file(path, gz);
    return path;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace dossier::archive::test
