#include "dossier/core/sha1.hpp"

#include <catch2/catch.hpp>

#include <string>

using dossier::core::Sha1;
using dossier::core::sha1;
using dossier::core::sha1_hex;

TEST_CASE("sha1 matches the FIPS 180 example vectors", "[core][sha1]") {
    CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(sha1_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                   "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
          "a49b2446a02c645bf419f995b67091253a04a259");
}

TEST_CASE("sha1 of a million 'a' characters", "[core][sha1]") {
    CHECK(sha1_hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("sha1 pads correctly around the 56 and 64 byte block boundaries", "[core][sha1]") {
    // 55 bytes fit the length in the same block; 56..63 need a second block; 64 is exactly one.
    CHECK(sha1_hex(std::string(55, 'a')) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    CHECK(sha1_hex(std::string(56, 'a')) == "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    CHECK(sha1_hex(std::string(63, 'a')) == "03f09f5b158a7a8cdad920bddc29b81c18a551f5");
    CHECK(sha1_hex(std::string(64, 'a')) == "0098ba824b5c16427bd7a1122a5a442a25ec644d");
    CHECK(sha1_hex(std::string(65, 'a')) == "11655326c708d70319be2610e8a57d9a5b959d3b");
    CHECK(sha1_hex(std::string(119, 'a')) == "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56");
    CHECK(sha1_hex(std::string(120, 'a')) == "f34c1488385346a55709ba056ddd08280dd4c6d6");
}

TEST_CASE("sha1 fed in uneven pieces equals the one-shot digest", "[core][sha1]") {
    std::string message;
    for (int i = 0; i < 1000; ++i) {
        message.push_back(static_cast<char>('!' + i % 90));
    }
    for (std::size_t piece : {1u, 3u, 63u, 64u, 65u, 200u}) {
        Sha1 h;
        for (std::size_t at = 0; at < message.size(); at += piece) {
            h.update(std::string_view(message).substr(at, piece));
        }
        const Sha1::Digest d = h.finish();
        CHECK(std::string(d.begin(), d.end()) == sha1(message));
    }
}

TEST_CASE("sha1 returns 20 raw bytes and can be reused after reset", "[core][sha1]") {
    const std::string raw = sha1("abc");
    REQUIRE(raw.size() == 20);
    CHECK(static_cast<unsigned char>(raw[0]) == 0xa9);
    CHECK(static_cast<unsigned char>(raw[19]) == 0x9d);

    Sha1 h;
    h.update("something else");
    (void)h.finish();
    h.reset();
    h.update("abc");
    const Sha1::Digest d = h.finish();
    CHECK(std::string(d.begin(), d.end()) == raw);
}
