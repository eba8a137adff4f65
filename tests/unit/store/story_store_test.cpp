// Story groups, fingerprints and revisions as the store keeps them (migration 6).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using namespace dossier;
using store::test::article;
using store::test::raw_exec;
using store::test::TempDir;

namespace {

store::ArticleStore open_rw(const std::filesystem::path& db) {
    auto s = store::ArticleStore::open(db, store::OpenMode::read_write);
    REQUIRE(s);
    return std::move(*s);
}

std::int64_t put(store::ArticleStore& s, const core::Article& a) {
    auto id = s.put(a);
    REQUIRE(id);
    return *id;
}

}  // namespace

TEST_CASE("a schema-5 archive gains one story per stored article and no fingerprints", "[store][dedup]") {
    TempDir dir;
    REQUIRE(store::create_archive_at_version(dir.db(), 5).has_value());
    // A schema-5 dossier inserted rows like this (indexing is put()'s job, not a trigger's).
    raw_exec(dir.db(),
             "INSERT INTO articles (id, url, canonical_url, title, body, source_id, first_seen, sort_key) VALUES "
             "(1, 'https://a.example/1', 'https://a.example/1', 'one', 'text one', 's', 1700000000, 1), "
             "(2, 'https://a.example/2', 'https://a.example/2', 'two', 'text two', 's', 1700000001, 2)");
    auto s = open_rw(dir.db());
    CHECK(s.schema_version() == store::latest_schema_version());
    for (std::int64_t id : {1, 2}) {
        auto a = s.get(id);
        REQUIRE((a && *a));
        CHECK((*a)->group_id == id);
        CHECK((*a)->relation.empty());
        auto g = s.story(id);
        REQUIRE((g && *g));
        CHECK((*g)->original_id == id);
        CHECK((*g)->members.size() == 1);
    }
    auto missing = s.ids_without_fingerprint(2, 0, 10);
    REQUIRE(missing);
    CHECK(*missing == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("dedup candidates come by shared band keys, most shared first, only of the asked version",
          "[store][dedup]") {
    TempDir dir;
    auto s = open_rw(dir.db());
    const std::int64_t a = put(s, article("a", "A", "alpha"));
    const std::int64_t b = put(s, article("b", "B", "beta"));
    const std::int64_t c = put(s, article("c", "C", "gamma"));
    const std::string sig_a(512, 'a'), sig_b(512, 'b');
    REQUIRE(s.put_fingerprint(a, 2, 40, sig_a, {1, 2, 3}));
    REQUIRE(s.put_fingerprint(b, 2, 50, sig_b, {3, 4, 5}));
    REQUIRE(s.put_fingerprint(c, 1, 60, sig_b, {1, 2, 3, 4, 5}));  // an older version: never a candidate
    auto found = s.dedup_candidates({2, 3, 4, 5}, 2, 10);
    REQUIRE(found);
    REQUIRE(found->size() == 2);
    CHECK((*found)[0].id == b);
    CHECK((*found)[0].shared_bands == 3);
    CHECK((*found)[0].signature == sig_b);
    CHECK((*found)[0].shingles == 50);
    CHECK((*found)[0].group_id == b);
    CHECK((*found)[1].id == a);
    CHECK((*found)[1].shared_bands == 2);
    auto one = s.dedup_candidates({2, 3, 4, 5}, 2, 1);
    REQUIRE(one);
    CHECK(one->size() == 1);
    // A new fingerprint replaces the old one and its bands.
    REQUIRE(s.put_fingerprint(b, 2, 51, sig_a, {9}));
    auto after = s.dedup_candidates({3, 4, 5}, 2, 10);
    REQUIRE(after);
    REQUIRE(after->size() == 1);
    CHECK(after->front().id == a);
    auto missing = s.ids_without_fingerprint(2, 0, 10);
    REQUIRE(missing);
    CHECK(*missing == std::vector<std::int64_t>{c});
}

TEST_CASE("a copy joins a group; the original moves only to a member", "[store][dedup]") {
    TempDir dir;
    auto s = open_rw(dir.db());
    const std::int64_t first = put(s, article("first", "First", "story"));
    core::Article copy = article("copy", "Copy", "story again");
    copy.group_id = first;
    copy.relation = "same_story";
    copy.origin_name = "First News";
    copy.origin_url = "https://news.example.com/first";
    const std::int64_t second = put(s, copy);
    const std::int64_t other = put(s, article("other", "Other", "something else"));
    auto sizes = s.group_sizes({first, other, 999});
    REQUIRE(sizes);
    CHECK(*sizes == std::vector<std::int64_t>{2, 1, 0});
    CHECK(s.set_group_original(first, second));
    CHECK_FALSE(s.set_group_original(first, other));  // not a member
    auto g = s.story(first);
    REQUIRE((g && *g));
    CHECK((*g)->original_id == second);
    REQUIRE((*g)->members.size() == 2);
    CHECK((*g)->members[1].relation == "same_story");
    CHECK((*g)->members[1].origin_name == "First News");
    auto citing = s.find_citing("https://news.example.com/first");
    REQUIRE(citing);
    CHECK(*citing == std::vector<std::int64_t>{second});
    auto none = s.find_citing("");
    REQUIRE(none);
    CHECK(none->empty());
    REQUIRE(s.set_origin_id(second, first));
    auto facts = s.story_facts(second);
    REQUIRE((facts && *facts));
    CHECK((*facts)->group_id == first);
    CHECK((*facts)->original_id == second);
    CHECK((*facts)->origin_url == "https://news.example.com/first");
    CHECK(s.get(second).value()->origin_id == first);
}

TEST_CASE("revising an unknown article fails and changes nothing", "[store][dedup]") {
    TempDir dir;
    auto s = open_rw(dir.db());
    const std::int64_t id = put(s, article("a", "Title", "漏洞 old text"));
    core::Article newer = article("a", "Title 2", "漏洞 new text");
    CHECK_FALSE(s.revise(id + 10, newer));
    auto revs = s.revisions(id);
    REQUIRE(revs);
    CHECK(revs->size() == 1);
    CHECK(revs->front().current);
    auto n = s.revise(id, newer);
    REQUIRE(n);
    CHECK(*n == 2);
    auto hits = s.search("new", {}, store::SortOrder::newest);
    REQUIRE(hits);
    CHECK(hits->size() == 1);
    auto old = s.search("old", {}, store::SortOrder::newest);
    REQUIRE(old);
    CHECK(old->empty());
    REQUIRE(s.check_index());
}

TEST_CASE("the band filter and read-ahead change no candidate, also for uncommitted and foreign writes",
          "[store][dedup]") {
    TempDir dir;
    auto s = open_rw(dir.db());
    REQUIRE(s.set_judging({3, true}));
    const std::string sig(512, 's');
    std::map<std::uint64_t, std::vector<std::int64_t>> owners;  // band key -> articles, as written
    std::mt19937_64 rng(7);
    auto fingerprint = [&](store::ArticleStore& st, std::int64_t id) {
        std::vector<std::uint64_t> keys;
        for (int i = 0; i < 8; ++i) keys.push_back(rng() % 2000);  // shared keys on purpose
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        REQUIRE(st.put_fingerprint(id, 2, 10, sig, keys));
        for (std::uint64_t k : keys) owners[k].push_back(id);
    };
    // What the band table holds for `keys`, ordered as dedup_candidates orders: shared, then id.
    auto expected = [&](const std::vector<std::uint64_t>& keys) {
        std::map<std::int64_t, std::int64_t> shared;
        for (std::uint64_t k : keys)
            if (auto it = owners.find(k); it != owners.end())
                for (std::int64_t id : it->second) ++shared[id];
        std::vector<std::pair<std::int64_t, std::int64_t>> order;
        for (auto [id, n] : shared) order.emplace_back(-n, id);
        std::sort(order.begin(), order.end());
        std::vector<std::int64_t> ids;
        for (auto [n, id] : order) ids.push_back(id);
        return ids;
    };
    auto found = [&](const std::vector<std::uint64_t>& keys) {
        auto c = s.dedup_candidates(keys, 2, 1000);
        REQUIRE(c);
        std::vector<std::int64_t> ids;
        for (const auto& x : *c) ids.push_back(x.id);
        return ids;
    };
    auto queries = [&] {
        std::vector<std::vector<std::uint64_t>> q;
        for (int i = 0; i < 40; ++i) {
            std::vector<std::uint64_t> keys;
            for (int j = 0; j < 32; ++j) keys.push_back(rng() % 2400);  // some keys nobody has
            q.push_back(keys);
        }
        return q;
    };

    REQUIRE(s.begin());
    for (int i = 0; i < 150; ++i) fingerprint(s, put(s, article("u" + std::to_string(i), "T", "body")));
    REQUIRE(s.commit());
    for (const auto& keys : queries()) CHECK(found(keys) == expected(keys));  // the filter is built here

    // Written after the filter was built, in a transaction not yet committed: the judging
    // connection sees them, the read-ahead connections do not, the answer includes them.
    REQUIRE(s.begin());
    for (int i = 150; i < 200; ++i) fingerprint(s, put(s, article("u" + std::to_string(i), "T", "body")));
    for (const auto& keys : queries()) CHECK(found(keys) == expected(keys));
    REQUIRE(s.commit());

    {  // Another connection writes (and updates the stored filter): this one reloads it, so its keys are found too.
        auto other = open_rw(dir.db());
        const std::int64_t id = put(other, article("other", "T", "body"));
        REQUIRE(other.put_fingerprint(id, 2, 10, sig, {5000, 5001}));
        owners[5000].push_back(id);
        owners[5001].push_back(id);
    }
    CHECK(found({5000, 5001, 5002}) == expected({5000, 5001, 5002}));
    CHECK(found({5000, 5001, 5002}).size() == 1);
    CHECK(found({9000, 9001}).empty());
    CHECK_FALSE(s.set_judging({33, false}));
}
