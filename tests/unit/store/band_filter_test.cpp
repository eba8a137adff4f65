// The band filter (src/store/band_filter.hpp) and the copy the archive keeps of it
// (band_filter_table.hpp, migration 7): never a false negative, in memory or after a reopen,
// a rollback or a crash; rebuilt when it fills up or when an archive has none yet.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "../../../src/store/band_filter.hpp"
#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using namespace dossier;
using store::detail::BandFilter;
using store::test::article;
using store::test::raw_exec;
using store::test::TempDir;

namespace {

std::int64_t scalar(const std::filesystem::path& db_path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/// `n` articles with `keys_each` random band keys each; returns every key written.
std::vector<std::uint64_t> fingerprint_articles(store::ArticleStore& s, int n, int keys_each, std::mt19937_64& rng,
                                                const std::string& prefix) {
    std::vector<std::uint64_t> all;
    const std::string sig(512, 's');
    for (int i = 0; i < n; ++i) {
        auto id = s.put(article(prefix + std::to_string(i), "T", "body"));
        REQUIRE(id);
        std::vector<std::uint64_t> keys;
        for (int k = 0; k < keys_each; ++k) keys.push_back(rng() >> 1);
        REQUIRE(s.put_fingerprint(*id, 2, 10, sig, keys));
        all.insert(all.end(), keys.begin(), keys.end());
    }
    return all;
}

/// How many of `keys` dedup_candidates finds an article for (one key per call).
std::size_t found(store::ArticleStore& s, const std::vector<std::uint64_t>& keys) {
    std::size_t n = 0;
    for (std::uint64_t k : keys) {
        auto c = s.dedup_candidates({k}, 2, 4);
        REQUIRE(c);
        if (!c->empty()) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("the band filter has no false negatives and about 1.5 % false positives at capacity", "[store][dedup]") {
    BandFilter f(BandFilter::rows_for(200000));
    REQUIRE(f.capacity() >= 200000);
    std::mt19937_64 rng(3);
    std::vector<std::uint64_t> in;
    for (std::uint64_t i = 0; i < f.capacity(); ++i) in.push_back(rng());
    for (std::uint64_t k : in) f.add(k);
    std::size_t misses = 0;
    for (std::uint64_t k : in)
        if (!f.may_contain(k)) ++misses;
    CHECK(misses == 0);
    std::size_t false_positives = 0;
    const std::size_t trials = 200000;
    for (std::size_t i = 0; i < trials; ++i)
        if (f.may_contain(rng())) ++false_positives;
    const double rate = static_cast<double>(false_positives) / trials;
    INFO("false-positive rate " << rate);
    CHECK(rate < 0.025);
    CHECK(rate > 0.002);  // 10 bits per key cannot do much better: the filter is really full

    // Rows carry the whole filter: a copy loaded row by row answers the same.
    BandFilter copy(f.rows());
    for (std::size_t r = 0; r < f.rows(); ++r) REQUIRE(copy.load_row(r, f.row(r)));
    for (std::size_t i = 0; i < 1000; ++i) CHECK(copy.may_contain(in[i * 97 % in.size()]));
    CHECK_FALSE(copy.load_row(0, std::string(10, 'x')));
    CHECK_FALSE(copy.load_row(f.rows(), f.row(0)));
    // Each changed row is reported once, until cleared.
    const auto dirty = f.dirty_rows();
    CHECK(dirty.size() == f.rows());
    CHECK(std::set<std::size_t>(dirty.begin(), dirty.end()).size() == dirty.size());
    f.clear_dirty();
    CHECK(f.dirty_rows().empty());
    f.add(in[0]);
    CHECK(f.dirty_rows().size() == 1);
}

TEST_CASE("the archive's band filter survives a reopen, forgets a rollback and keeps what a crash kept",
          "[store][dedup]") {
    TempDir dir;
    std::mt19937_64 rng(11);
    std::vector<std::uint64_t> committed, rolled_back;
    {
        auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
        REQUIRE(s);
        REQUIRE(s->begin());
        committed = fingerprint_articles(*s, 40, 32, rng, "c");
        REQUIRE(s->commit());
        auto one = fingerprint_articles(*s, 1, 32, rng, "solo");  // outside a transaction: its own
        committed.insert(committed.end(), one.begin(), one.end());
        REQUIRE(s->begin());
        rolled_back = fingerprint_articles(*s, 5, 32, rng, "r");
        CHECK(found(*s, rolled_back) == rolled_back.size());  // visible inside the transaction
        REQUIRE(s->rollback());
        CHECK(found(*s, rolled_back) == 0);
        REQUIRE(s->begin());
        auto lost = fingerprint_articles(*s, 5, 32, rng, "lost");
        (void)lost;
        // The store goes away with the transaction open, as in a crash: SQLite rolls it back.
    }
    CHECK(scalar(dir.db(), "SELECT keys FROM band_filter_info") == static_cast<std::int64_t>(committed.size()));
    CHECK(scalar(dir.db(), "SELECT count(*) FROM band_filter_rows") ==
          scalar(dir.db(), "SELECT rows FROM band_filter_info"));
    auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
    REQUIRE(s);
    CHECK(found(*s, committed) == committed.size());  // loaded from the archive: every key
    CHECK(found(*s, rolled_back) == 0);
}

TEST_CASE("the band filter is rebuilt when it fills up and built for an archive that has none", "[store][dedup]") {
    TempDir dir;
    std::mt19937_64 rng(5);
    std::vector<std::uint64_t> keys;
    {
        auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
        REQUIRE(s);
        REQUIRE(s->begin());
        keys = fingerprint_articles(*s, 10, 32, rng, "a");
        REQUIRE(s->commit());
    }
    const std::int64_t small_rows = scalar(dir.db(), "SELECT rows FROM band_filter_info");
    {  // Past its capacity (8 rows hold 25,395 keys), the next use rebuilds it larger.
        auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
        REQUIRE(s);
        REQUIRE(s->begin());
        auto more = fingerprint_articles(*s, 1000, 32, rng, "b");
        keys.insert(keys.end(), more.begin(), more.end());
        REQUIRE(s->commit());
        CHECK(found(*s, keys) == keys.size());
    }
    CHECK(scalar(dir.db(), "SELECT rows FROM band_filter_info") > small_rows);
    CHECK(scalar(dir.db(), "SELECT keys FROM band_filter_info") >= static_cast<std::int64_t>(keys.size()));
    // An archive whose filter is gone (as after migration 7 on a schema-6 archive): the first
    // judgement builds it from the band table.
    raw_exec(dir.db(), "DELETE FROM band_filter_rows; DELETE FROM band_filter_info;");
    auto s = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
    REQUIRE(s);
    CHECK(found(*s, keys) == keys.size());
    CHECK(scalar(dir.db(), "SELECT keys FROM band_filter_info") == static_cast<std::int64_t>(keys.size()));
    // A damaged row (wrong size) makes it rebuild too, never answer from half a filter.
    raw_exec(dir.db(), "UPDATE band_filter_rows SET bits = x'00' WHERE slot = 0");
    auto again = store::ArticleStore::open(dir.db(), store::OpenMode::read_write);
    REQUIRE(again);
    CHECK(found(*again, keys) == keys.size());
}
