#include <catch2/catch.hpp>

#include <string>

#include "dossier/dedup/minhash.hpp"

using namespace dossier::dedup;

namespace {

/// "w<from> w<from+1> ... w<to-1>": distinct words, so n words make n - 2 distinct 3-word shingles.
std::string words(int from, int to) {
    std::string s;
    for (int i = from; i < to; ++i) s += "w" + std::to_string(i) + " ";
    return s;
}

/// `n` distinct Han characters from U+4E00 on, so n characters make n - 3 distinct 4-grams.
std::string han(int n, int from = 0) {
    std::string s;
    for (int i = from; i < from + n; ++i) {
        const auto cp = static_cast<unsigned>(0x4E00 + i);
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

Fingerprint fp(const std::string& text) {
    const auto f = minhash(text);
    REQUIRE(f);
    return *f;
}

}  // namespace

TEST_CASE("a body under the minimum shingle count has no fingerprint", "[dedup]") {
    CHECK_FALSE(minhash(""));
    CHECK_FALSE(minhash("，。！ \n"));
    CHECK_FALSE(minhash(words(0, 21)));  // 19 shingles
    REQUIRE(minhash(words(0, 22)));      // 20 shingles
    CHECK(minhash(words(0, 22))->shingles == k_min_shingles);
    CHECK_FALSE(minhash(han(22)));  // 19 four-character shingles
    CHECK(minhash(han(23))->shingles == 20);
    // Repeated text adds no distinct shingles.
    CHECK_FALSE(minhash("patch now patch now patch now patch now patch now patch now patch now patch now"));
}

TEST_CASE("shingles: CJK 4-grams skip punctuation and spaces, words need 3 in a row, mixed text has both",
          "[dedup]") {
    const std::string cjk = han(30);
    const std::string punctuated = han(10) + "，" + han(10, 10) + " \n" + han(10, 20) + "。";
    CHECK(fp(punctuated).signature == fp(cjk).signature);
    CHECK(fp(cjk).shingles == 27);
    // Latin words between CJK characters are skipped by the CJK shingles and form their own.
    const std::string mixed = han(15) + " " + words(0, 12) + han(15, 15);
    CHECK(fp(mixed).shingles == 27 + 10);
    // Two Latin words make no word shingle and do not break the CJK ones.
    CHECK(fp(han(15) + "MX Player" + han(15, 15)).signature == fp(cjk).signature);
}

TEST_CASE("case, width, diacritics, punctuation and line breaks do not change the fingerprint", "[dedup]") {
    const std::string plain = "attackers exploit cve 2025 59934 in the cafe router firmware to gain root access on "
                              "thousands of devices worldwide before a patch was released by the vendor last week";
    const std::string styled = "Attackers exploit ＣＶＥ-2025-59934 in the Café router firmware,\nto gain ROOT access on "
                               "thousands of devices — worldwide — before a patch was released by the vendor (last week).";
    CHECK(fp(plain).signature == fp(styled).signature);
    CHECK(fp(plain).shingles == fp(styled).shingles);
}

TEST_CASE("the fingerprint is fixed: changing these values needs a new k_minhash_version", "[dedup]") {
    const Fingerprint f = fp(words(0, 100));
    CHECK(f.shingles == 98);
    CHECK(f.signature[0] == fp(words(0, 100)).signature[0]);
    CHECK(f.signature[0] == 4058669U);
    CHECK(f.signature[127] == 12922503U);
    CHECK(lsh_bands(f.signature)[0] == 0x02421D6C92088B8CULL);
    CHECK(k_minhash_version == 2);
}

TEST_CASE("the Jaccard estimate is near the true Jaccard of the shingle sets", "[dedup]") {
    // w0..w299 against w150..w449: 148 shared of 448 shingles, J = 0.330.
    CHECK(jaccard_estimate(fp(words(0, 300)).signature, fp(words(150, 450)).signature) ==
          Approx(148.0 / 448.0).margin(0.12));
    // w0..w399 against w100..w499: 298 shared of 498, J = 0.598.
    CHECK(jaccard_estimate(fp(words(0, 400)).signature, fp(words(100, 500)).signature) ==
          Approx(298.0 / 498.0).margin(0.12));
    // 10 changed words in 400: J = 0.87 or so; identical: 1; disjoint: 0.
    const std::string base = words(0, 400);
    std::string edited = base;
    for (int i = 20; i < 400; i += 40) edited.replace(edited.find(" w" + std::to_string(i) + " "), 2, " x");
    CHECK(jaccard_estimate(fp(base).signature, fp(edited).signature) == Approx(0.87).margin(0.1));
    CHECK(jaccard_estimate(fp(base).signature, fp(base).signature) == 1.0);
    CHECK(jaccard_estimate(fp(words(0, 300)).signature, fp(words(1000, 1300)).signature) == 0.0);
}

TEST_CASE("containment of an excerpt in its article is near 1 even when Jaccard is low", "[dedup]") {
    const Fingerprint article = fp(words(0, 600));
    const Fingerprint half = fp(words(0, 300));
    const Fingerprint third = fp(words(200, 400));
    CHECK(jaccard_estimate(article.signature, half.signature) == Approx(0.5).margin(0.12));
    CHECK(containment_estimate(article, half) == Approx(1.0).margin(0.15));
    CHECK(containment_estimate(half, article) == containment_estimate(article, half));
    CHECK(containment_estimate(article, third) == Approx(1.0).margin(0.2));
    CHECK(containment_estimate(article, fp(words(5000, 5300))) == 0.0);
    CHECK(containment_estimate(article, Fingerprint{}) == 0.0);
}

TEST_CASE("LSH keys carry their band index, fit a signed 64-bit column and follow the rows", "[dedup]") {
    const Signature sig = fp(words(0, 200)).signature;
    const auto keys = lsh_bands(sig);
    for (std::size_t b = 0; b < k_bands; ++b) {
        CHECK(keys[b] >> 58 == b);
        CHECK(keys[b] < (std::uint64_t{1} << 63));
    }
    Signature changed = sig;
    changed[k_rows * 7 + 2] ^= 1U;  // one value in band 7
    const auto other = lsh_bands(changed);
    for (std::size_t b = 0; b < k_bands; ++b) CHECK((keys[b] == other[b]) == (b != 7));
}

TEST_CASE("a signature survives its 512-byte little-endian encoding", "[dedup]") {
    Signature sig = fp(words(0, 50)).signature;
    sig[0] = 0x01020304U;
    const std::string bytes = encode_signature(sig);
    REQUIRE(bytes.size() == 512);
    CHECK(bytes.substr(0, 4) == std::string("\x04\x03\x02\x01", 4));
    const auto back = decode_signature(bytes);
    REQUIRE(back);
    CHECK(*back == sig);
    CHECK_FALSE(decode_signature(bytes.substr(1)));
    CHECK_FALSE(decode_signature(""));
}
