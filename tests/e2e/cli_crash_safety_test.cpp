// End-to-end crash safety (docs/crash-safety.md): `dossier crawl` killed with SIGKILL at
// chosen moments — while fetching, while writing a WARC record, while writing the database,
// while merging the full-text index. After each: the database passes integrity_check, every
// WARC record that was complete reads back, no committed article is gone, and a rerun
// finishes the work with every article stored once. (A full disk: cli_disk_full_test.cpp.)
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "archive_checks.hpp"
#include "dossier/archive/warc_reader.hpp"
#include "dossier_cli.hpp"
#include "news_site.hpp"

namespace fs = std::filesystem;
using dossier::test::check_warcs_clean;
using dossier::test::ChildProcess;
using dossier::test::k_bin;
using dossier::test::NewsSite;
using dossier::test::PageShape;
using dossier::test::open_warc_note;
using dossier::test::sql;
using dossier::test::stored_captures;
using dossier::test::stored_urls;
using dossier::test::TempDir;
using dossier::test::warc_files;
using dossier::test::WarcScan;

namespace {

using Clock = std::chrono::steady_clock;

/// True when the WAL's last frame of the current generation is not a commit frame: a write
/// transaction was cut off while its pages were going to the WAL (sqlite.org/fileformat.html,
/// section 4: a frame's second header word is the database size for a commit frame, else 0;
/// salts that differ from the WAL header's mark frames of an older generation).
bool wal_has_uncommitted_tail(const fs::path& wal) {
    std::ifstream in(wal, std::ios::binary);
    unsigned char header[32];
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return false;
    auto be32 = [](const unsigned char* p) {
        return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
    };
    const std::uint32_t page_size = be32(header + 8);
    if (page_size < 512) return false;
    bool last_is_commit = true;
    std::vector<char> page(page_size);
    unsigned char frame[24];
    while (in.read(reinterpret_cast<char*>(frame), sizeof frame) && in.read(page.data(), page_size)) {
        if (be32(frame + 8) != be32(header + 16) || be32(frame + 12) != be32(header + 20)) break;
        last_is_commit = be32(frame + 4) != 0;
    }
    return !last_is_commit;
}

struct FileStamp {
    std::int64_t size = -1, mtime_ns = -1;
    bool operator==(const FileStamp&) const = default;
};

FileStamp stamp(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return {};
    return {st.st_size, std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
}

/// Polls `done` every 200 µs while `child` runs; false when the child exited first or 20 s passed.
template <typename Pred>
bool wait_for(ChildProcess& child, Pred done) {
    const auto give_up = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < give_up) {
        if (done()) return true;
        if (!child.running()) return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return false;
}

/// Which part of the work each kill aims at; the phase it actually hit is read from the disk.
enum class Aim { fetch, warc_write, db_write, fts_merge };

constexpr int k_rounds = 20;
constexpr int k_per_round = 6;   // new articles per round
constexpr int k_delay_ms = 25;   // per article response

Aim aim_of(int round) { return static_cast<Aim>(round % 4); }

/// In rounds aimed at a WARC write, the fourth article fetched (newest first) is 1 MB of page
/// whose record takes tens of milliseconds to compress and write.
int big_article(int round) { return round * k_per_round + 3; }

PageShape shape_of(int n) {
    PageShape s;
    const int round = (n - 1) / k_per_round;
    if (aim_of(round) == Aim::warc_write && n == big_article(round)) s.script_bytes = 1u << 20;
    // Longer texts make the end-of-run writes (commit, index merge, checkpoint) take longer.
    if (aim_of(round) == Aim::db_write || aim_of(round) == Aim::fts_merge) s.repeats = 40;
    return s;
}

/// What the test saw right after one kill.
struct AfterKill {
    std::string phase;
    std::string torn_file;         ///< WARC file with a torn tail, if any
    std::uint64_t torn_at = 0;     ///< its complete_end
};

/// Kills `crawl` at the moment `aim` asks for (the details drawn from `rng`); returns whether
/// the WAL had changed (the end-of-run database writes had begun) when the kill was sent.
bool kill_at(Aim aim, ChildProcess& crawl, NewsSite& site, const TempDir& dir, int first_new, int requests_before,
             std::mt19937& rng) {
    const fs::path wal = dir / "archive/dossier.db-wal";
    bool wal_changed = false;
    switch (aim) {
        case Aim::fetch: {
            const int after = std::uniform_int_distribution<int>(1, k_per_round - 1)(rng);
            wait_for(crawl, [&] { return site.article_requests() - requests_before >= after; });
            std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, k_delay_ms)(rng)));
            break;
        }
        case Aim::warc_write: {
            const int big = big_article((first_new - 1) / k_per_round);
            wait_for(crawl, [&] { return site.requested(big); });
            const fs::path file = dir / "archive/warc" / open_warc_note(dir);
            const auto before = stamp(file).size;
            wait_for(crawl, [&] { return stamp(file).size > before; });  // the big record's first bytes
            break;
        }
        case Aim::db_write:
        case Aim::fts_merge: {
            wait_for(crawl, [&] { return site.requested(first_new); });  // the last one, newest first
            const FileStamp before = stamp(wal);
            wal_changed = wait_for(crawl, [&] { return !(stamp(wal) == before); });
            if (aim == Aim::fts_merge)
                std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(1000, 8000)(rng)));
            break;
        }
    }
    crawl.kill(SIGKILL);
    return wal_changed;
}

}  // namespace

TEST_CASE("a crawl killed with SIGKILL at 20 moments loses nothing committed and a rerun stores every article once",
          "[e2e][crash]") {
    NewsSite site(k_rounds * k_per_round, k_delay_ms, shape_of);
    TempDir dir;
    site.write_feeds(dir / "feeds");
    const auto args = dossier::test::news_crawl_args(dir.path());
    std::mt19937 rng(20251207);  // fixed: the same moments on every run
    std::map<std::string, int> phases;
    std::set<std::string> committed_before;  // committed when the previous round ended
    int torn_warcs = 0;

    for (int round = 0; round < k_rounds; ++round) {
        const int first_new = round * k_per_round + 1;
        site.publish(round * k_per_round + k_per_round);
        const Aim aim = aim_of(round);
        INFO("round " << round << ", aim " << static_cast<int>(aim));
        const int requests_before = site.article_requests();

        ChildProcess crawl(k_bin, args, dir / "killed.log");
        const bool wal_changed = kill_at(aim, crawl, site, dir, first_new, requests_before, rng);
        const int status = crawl.wait();

        // Right after the kill, before anything repairs the archive.
        REQUIRE(sql(dir, "PRAGMA integrity_check;") == "ok\n");
        const auto committed = stored_urls(dir);
        for (const auto& url : committed) CHECK(committed.count(url) == 1);
        for (const auto& url : committed_before) CHECK(committed.count(url) == 1);
        AfterKill after;
        const std::string open_file = open_warc_note(dir);
        std::map<std::string, WarcScan> scans;
        for (const auto& f : warc_files(dir)) {
            INFO(f.string());
            const WarcScan& s = scans[f.filename().string()] = dossier::test::scan_warc(f);
            for (const auto& r : s.records) CHECK(r.offset + r.length <= s.complete_end);
            if (f.filename() != open_file) {  // closed files are whole
                CHECK(s.errors.empty());
                CHECK(s.complete_end == s.size);
            } else if (s.torn()) {
                CHECK_FALSE(s.errors.empty());  // the reader reports the torn tail ...
                after.torn_file = open_file;    // ... and returns every record before it
                after.torn_at = s.complete_end;
            }
        }
        // No committed article points at bytes a kill could have torn.
        for (const auto& c : stored_captures(dir)) {
            INFO(c.url);
            REQUIRE(scans.count(c.file) == 1);
            CHECK(c.offset + c.length <= scans[c.file].complete_end);
        }

        const bool round_committed = committed.count(site.url(first_new)) == 1;
        const bool finished = sql(dir, "SELECT finished_at IS NOT NULL FROM crawl_runs ORDER BY id DESC LIMIT 1;") == "1\n";
        const std::string cut = wal_has_uncommitted_tail(dir / "archive/dossier.db-wal") ? ", mid-transaction" : "";
        if (status != 128 + SIGKILL)
            after.phase = "after exit";
        else if (!after.torn_file.empty())
            after.phase = "warc write";
        else if (!wal_changed && !round_committed && cut.empty())
            after.phase = "fetch";
        else if (!round_committed)
            after.phase = "db write: commit" + cut;
        else if (!finished)
            after.phase = "db write: run report" + cut;
        else
            after.phase = "fts merge / checkpoint" + cut;
        ++phases[after.phase];
        INFO("the kill hit: " << after.phase);

        // The rerun repairs what the kill left and finishes the work.
        auto again = dossier::test::run_process(k_bin, args);
        INFO(again.err);
        REQUIRE(again.exit_code == 0);
        REQUIRE(sql(dir, "PRAGMA integrity_check;") == "ok\n");
        const auto stored = stored_urls(dir);
        CHECK(stored.size() == static_cast<std::size_t>(site.published()));
        for (int n = 1; n <= site.published(); ++n) CHECK(stored.count(site.url(n)) == 1);
        for (const auto& url : committed) CHECK(stored.count(url) == 1);
        check_warcs_clean(dir);
        CHECK_FALSE(fs::exists(dir / "archive/.warc-open"));
        if (!after.torn_file.empty()) {
            ++torn_warcs;
            // The torn tail was moved aside, and the rerun appended after the last whole record.
            const fs::path file = dir / "archive/warc" / after.torn_file;
            CHECK(fs::exists(file.string() + ".torn-" + std::to_string(after.torn_at)));
            const WarcScan s = dossier::test::scan_warc(file);
            bool appended_info = false, appended_response = false;
            for (const auto& r : s.records) {
                appended_info |= r.offset == after.torn_at && r.type() == "warcinfo";
                appended_response |= r.offset > after.torn_at && r.type() == "response";
            }
            CHECK(appended_info);
            CHECK(appended_response);
        }
        auto count = dossier::test::run_dossier(dir, {"search", NewsSite::common_word(), "--count"});
        CHECK(count.out == std::to_string(site.published()) + "\n");
        committed_before.clear();
        for (const auto& url : stored) committed_before.insert(url);
    }

    // Every stored article's capture reads back at its offset as the response for its URL.
    for (const auto& c : stored_captures(dir)) {
        auto rec = dossier::archive::WarcReader::read_at(dir / "archive/warc" / c.file, c.offset);
        REQUIRE(rec);
        CHECK(rec->type() == "response");
        CHECK(rec->target_uri() == c.url);
    }
    CHECK(torn_warcs >= 1);  // at least one kill landed inside a WARC record
    std::string summary;
    for (const auto& [phase, n] : phases) summary += (summary.empty() ? "" : "; ") + phase + ": " + std::to_string(n);
    std::fprintf(stderr, "crash safety: %d kills: %s\n", k_rounds, summary.c_str());
}
