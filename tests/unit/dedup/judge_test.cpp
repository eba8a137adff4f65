#include <catch2/catch.hpp>

#include <vector>

#include "dossier/dedup/judge.hpp"

using namespace dossier::dedup;
using dossier::core::DateTime;

namespace {

/// A fingerprint whose signature is `base` with the first `changed` slots altered, so its
/// Jaccard estimate against `base` is exactly (128 - changed) / 128.
Fingerprint variant(std::uint32_t shingles, std::size_t changed, std::uint32_t salt = 1) {
    Fingerprint f;
    for (std::size_t i = 0; i < k_permutations; ++i) f.signature[i] = static_cast<std::uint32_t>(i * 2654435761U);
    for (std::size_t i = 0; i < changed; ++i) f.signature[i] ^= 0x80000000U | salt;
    f.shingles = shingles;
    return f;
}

Candidate candidate(std::int64_t id, const Fingerprint& f) {
    Candidate c;
    c.id = id;
    c.fingerprint = f;
    return c;
}

DateTime at(std::int64_t seconds) {
    DateTime d;
    d.seconds = seconds;
    d.offset_minutes = 0;
    return d;
}

DateTime day(std::int64_t days) {
    DateTime d;
    d.seconds = days * 86400;
    d.precision = DateTime::Precision::date;
    return d;
}

}  // namespace

TEST_CASE("without a passing candidate the article is a new story, with the closest scores", "[dedup]") {
    const Incoming in{variant(500, 0), std::nullopt};
    CHECK(judge(in, {}).relation == Relation::new_story);
    CHECK(judge(in, {}).jaccard == 0.0);

    const std::vector<Candidate> far{candidate(3, variant(500, 100)), candidate(4, variant(500, 80))};
    const Verdict v = judge(in, far);
    CHECK(v.relation == Relation::new_story);
    CHECK(v.match_id == 0);
    CHECK(v.jaccard == Approx(48.0 / 128.0));
    CHECK_FALSE(v.incoming_is_original);
}

TEST_CASE("containment at the threshold makes the same story; Jaccard alone a near-duplicate", "[dedup]") {
    const Incoming in{variant(500, 0), std::nullopt};
    // Same size, J = 0.75: C = 2J / (1 + J) = 0.857.
    Verdict v = judge(in, std::vector{candidate(7, variant(500, 32))});
    CHECK(v.relation == Relation::same_story);
    CHECK(v.match_id == 7);
    CHECK(v.containment == Approx(0.857).margin(0.001));
    // Same size, J = 0.5625: C = 0.72 -> near-duplicate.
    v = judge(in, std::vector{candidate(8, variant(500, 56))});
    CHECK(v.relation == Relation::near_duplicate);
    CHECK(v.jaccard == Approx(0.5625));
    // A half-length excerpt: J = 0.5, C = 1.
    v = judge(Incoming{variant(250, 0), std::nullopt}, std::vector{candidate(9, variant(500, 64))});
    CHECK(v.relation == Relation::same_story);
    CHECK(v.containment == Approx(1.0));
}

TEST_CASE("containment is not trusted below the Jaccard floor", "[dedup]") {
    // 100 against 2,000 shingles with J = 0.14: the estimate says C = 1, but one slot more or
    // less moves it by 0.15.
    const Incoming small{variant(100, 0), std::nullopt};
    const std::vector big{candidate(5, variant(2000, 110))};
    const Verdict v = judge(small, big);
    CHECK(v.containment == 1.0);
    CHECK(v.relation == Relation::new_story);
    Thresholds no_floor;
    no_floor.containment_min_jaccard = 0.0;
    CHECK(judge(small, big, no_floor).relation == Relation::same_story);
}

TEST_CASE("among passing candidates the cited one wins, then the closest, then the lowest id", "[dedup]") {
    const Incoming in{variant(500, 0), std::nullopt};
    std::vector<Candidate> cs{candidate(20, variant(500, 40)), candidate(10, variant(500, 10)),
                              candidate(30, variant(500, 10, 2))};
    CHECK(judge(in, cs).match_id == 10);  // J 0.92 twice: the lower id
    std::swap(cs[1], cs[2]);
    CHECK(judge(in, cs).match_id == 10);  // whatever the order
    cs[0].cited_by_incoming = true;
    CHECK(judge(in, cs).match_id == 20);
    cs[0].fingerprint = variant(500, 120);  // cited but not similar: no match on citation alone
    CHECK(judge(in, cs).match_id == 10);
}

TEST_CASE("the original of two copies: an attribution first, then the earlier date", "[dedup]") {
    const auto original = [](std::optional<DateTime> in_date, bool in_cites, std::optional<DateTime> c_date,
                             bool c_cites) {
        Candidate c = candidate(1, variant(500, 0));
        c.published = c_date;
        c.cited_by_incoming = in_cites;
        c.cites_incoming = c_cites;
        return judge(Incoming{variant(500, 0), in_date}, std::vector{c}).incoming_is_original;
    };
    CHECK(original(at(100), false, at(200), false));
    CHECK_FALSE(original(at(300), false, at(200), false));
    CHECK_FALSE(original(at(100), true, at(200), false));  // it says it copies the stored one
    CHECK(original(at(300), false, at(200), true));        // the stored one says it copies it
    CHECK_FALSE(original(std::nullopt, false, at(200), false));
    CHECK_FALSE(original(at(100), false, std::nullopt, false));
    CHECK_FALSE(original(at(200), false, at(200), false));
}

TEST_CASE("a date-only publication compares by calendar day", "[dedup]") {
    CHECK(is_original_over({day(10), false}, {at(11 * 86400 + 5), false}));
    CHECK_FALSE(is_original_over({day(10), false}, {at(10 * 86400 + 5), false}));
    CHECK_FALSE(is_original_over({at(10 * 86400 + 5), false}, {day(10), false}));
    CHECK(is_original_over({at(9 * 86400), false}, {day(10), false}));
}
