// Compression bombs (issue 7, "Faults on the network"): about 1 MiB on the wire that inflates to
// 1 GiB. The crawl archives such a body raw and decodes it with parse_http_response under a
// cap; here the decode must stop at that cap, say so, and use memory of the order of the cap.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <random>

#include "archive_test_support.hpp"
#include "compression_bombs.hpp"
#include "dossier/archive/http_response.hpp"

using namespace dossier::archive;
using dossier::test::gzip_zero_bomb;
using dossier::test::raw_zero_bomb;
using dossier::test::zlib_zero_bomb;

namespace {

constexpr std::size_t k_mib = std::size_t{1} << 20;
constexpr std::size_t k_crawl_cap = 10 * k_mib;  // fetch::Options::max_body_bytes, the crawl's decode cap

/// Inflates `data` with zlib itself (window bits as inflateInit2 takes them) into a reused
/// buffer; returns the decoded size, or -1 unless the stream ends cleanly with a good checksum.
long long inflated_size(const std::string& data, int window_bits) {
    z_stream z{};
    inflateInit2(&z, window_bits);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string buf(k_mib, '\0');
    long long total = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf.data());
        z.avail_out = static_cast<uInt>(buf.size());
        rc = inflate(&z, Z_NO_FLUSH);
        total += static_cast<long long>(buf.size() - z.avail_out);
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END ? total : -1;
}

/// Anonymous resident memory of this process, KiB (/proc/self/status RssAnon).
long rss_anon_kib() {
    std::ifstream status("/proc/self/status");
    std::string key;
    long value = 0;
    while (status >> key) {
        if (key == "RssAnon:") {
            status >> value;
            return value;
        }
        status.ignore(256, '\n');
    }
    return 0;
}

/// Runs `work` in a forked child and returns how far the child's peak resident memory rose above
/// what it inherited (the parent's anonymous memory at the fork), in KiB; -1 when work failed.
/// A forked child's ru_maxrss starts at the memory it shares with the parent, so the difference
/// is what `work` itself added, whatever earlier tests left behind in this process.
long peak_growth_kib(const std::function<bool()>& work) {
    const long inherited = rss_anon_kib();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) ::_exit(work() ? 0 : 1);
    int status = 0;
    rusage usage{};
    REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return usage.ru_maxrss - inherited;
}

/// A bomb must decode into at most the cap plus the buffers its growth leaves behind; without a
/// cap the same input takes 1 GiB. Generous for AddressSanitizer, which keeps freed memory in
/// quarantine: the string's doubling leaves 16 + 8 + 4 + ... MiB behind it.
constexpr long k_growth_bound_kib = 96 * 1024;

std::string response_with(const std::string& coding, const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: " + coding + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("the bombs are what they claim: about 1 KiB per MiB, valid streams of zeros", "[archive]") {
    CHECK(gzip_zero_bomb(1024).size() < 1100 * 1024);  // 1 GiB in about a MiB
    CHECK(inflated_size(gzip_zero_bomb(16), 16 + 15) == static_cast<long long>(16 * k_mib));  // CRC and size check out
    CHECK(inflated_size(zlib_zero_bomb(16), 15) == static_cast<long long>(16 * k_mib));        // Adler-32 checks out
    CHECK(inflated_size(raw_zero_bomb(16), -15) == static_cast<long long>(16 * k_mib));
    auto small = parse_http_response(response_with("gzip", gzip_zero_bomb(3)), 4 * k_mib);
    REQUIRE(small);
    CHECK(small->body == std::string(3 * k_mib, '\0'));
}

TEST_CASE("a gzip bomb (1 MiB that inflates to 1 GiB) stops at the decode cap in bounded memory", "[archive]") {
    const std::string block = response_with("gzip", gzip_zero_bomb(1024));
    auto decoded = parse_http_response(block, k_crawl_cap);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message == "archive: decoded body over 10485760 bytes");
    const long growth = peak_growth_kib([&block] { return !parse_http_response(block, k_crawl_cap); });
    INFO("peak growth " << growth << " KiB");
    CHECK(growth >= 0);
    CHECK(growth < k_growth_bound_kib);
}

TEST_CASE("a deflate bomb stops at the cap, zlib-wrapped or raw", "[archive]") {
    for (const std::string& bomb : {zlib_zero_bomb(1024), raw_zero_bomb(1024)}) {
        const std::string block = response_with("deflate", bomb);
        auto decoded = parse_http_response(block, k_crawl_cap);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().message == "archive: decoded body over 10485760 bytes");
        const long growth = peak_growth_kib([&block] { return !parse_http_response(block, k_crawl_cap); });
        INFO("peak growth " << growth << " KiB");
        CHECK(growth >= 0);
        CHECK(growth < k_growth_bound_kib);
    }
}

TEST_CASE("a bomb wrapped in more codings is capped at every layer", "[archive]") {
    // gzip of the gzip bomb: a few KiB on the wire; the outer layer gives the 1 MiB bomb back,
    // the inner one is stopped at the cap like any other.
    const std::string twice = test::gzip_member(gzip_zero_bomb(1024));
    CHECK(twice.size() < 64 * 1024);
    auto decoded = parse_http_response(response_with("gzip, gzip", twice), k_crawl_cap);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message == "archive: decoded body over 10485760 bytes");
    // Chunked on top changes nothing.
    const std::string bomb = gzip_zero_bomb(1024);
    std::string chunked;
    for (std::size_t at = 0; at < bomb.size(); at += 4096) {
        const std::string part = bomb.substr(at, 4096);
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        chunked += size + part + "\r\n";
    }
    auto framed = parse_http_response(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" + chunked + "0\r\n\r\n", k_crawl_cap);
    REQUIRE_FALSE(framed);
    CHECK(framed.error().message == "archive: decoded body over 10485760 bytes");
}

TEST_CASE("a bomb read back from a WARC record stops at the default cap of 64 MiB", "[archive]") {
    WarcRecord record;
    record.fields = {{"WARC-Type", "response"}, {"WARC-Target-URI", "<https://bomb.example/>"},
                     {"WARC-Date", "2025-12-01T00:00:00Z"}, {"Content-Type", "application/http; msgtype=response"}};
    record.block = response_with("gzip", gzip_zero_bomb(1024));
    record.offset = 1234;
    auto capture = to_capture(record, "x.warc.gz");  // as `import` and `crawl --replay` read archives
    REQUIRE_FALSE(capture);
    CHECK(capture.error().message == "archive: decoded body over 67108864 bytes at offset 1234: x.warc.gz");
}

TEST_CASE("a brotli body is refused before anything is decoded, whatever it holds", "[archive]") {
    // No brotli encoder is at hand and none is needed: we never offer br, so a server that sends
    // it anyway gets its bytes archived and refused here, never decoded into garbage text.
    std::mt19937 rng(11);
    std::string fake(k_mib, '\0');
    for (auto& c : fake) c = static_cast<char>(rng() & 0xffu);
    for (const char* coding : {"br", "BR", "gzip, br"}) {
        INFO(coding);
        auto decoded = parse_http_response(response_with(coding, fake), k_crawl_cap);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().message == "archive: unsupported content-encoding: br");
    }
    // Codings apply in the order listed, so the last one is undone first: gzip, then br.
    auto outer_gzip = parse_http_response(response_with("br, gzip", test::gzip_member(fake)), k_crawl_cap);
    REQUIRE_FALSE(outer_gzip);
    CHECK(outer_gzip.error().message == "archive: unsupported content-encoding: br");
}
