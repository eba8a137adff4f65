#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "dossier/crawl/archive_dir.hpp"

using dossier::crawl::ArchiveDir;
using dossier::crawl::ArchiveLock;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir() {
    std::random_device rd;
    return fs::temp_directory_path() / ("dossier-archive-test-" + std::to_string(rd()));
}
}  // namespace

TEST_CASE("an archive folder is created with its warc/ folder and names WARC files by run start", "[crawl]") {
    const ArchiveDir dir(fresh_dir());
    REQUIRE(dir.prepare_for_writing());
    CHECK(fs::is_directory(dir.warc_dir()));
    const std::string first = dir.new_warc_name(1766472952);
    CHECK(first == "20251223T065552Z-0.warc.gz");
    std::ofstream(dir.warc_dir() / first) << "x";
    CHECK(dir.new_warc_name(1766472952) == "20251223T065552Z-1.warc.gz");
    CHECK(dir.resolve_warc(first) == dir.warc_dir() / first);
    CHECK(dir.resolve_warc("/abs/x.warc.gz") == fs::path("/abs/x.warc.gz"));
    fs::remove_all(dir.root());
}

TEST_CASE("a folder under a file cannot be prepared and the error names it", "[crawl]") {
    const fs::path base = fresh_dir();
    fs::create_directories(base);
    std::ofstream(base / "file") << "x";
    const ArchiveDir dir(base / "file" / "archive");
    auto ok = dir.prepare_for_writing();
    REQUIRE_FALSE(ok);
    CHECK(ok.error().message.find((base / "file").string()) != std::string::npos);
    fs::remove_all(base);
}

TEST_CASE("the archive lock is exclusive while held and free once released", "[crawl]") {
    const ArchiveDir dir(fresh_dir());
    REQUIRE(dir.prepare_for_writing());
    {
        auto first = ArchiveLock::acquire(dir);
        REQUIRE(first);
        REQUIRE(first->has_value());
        auto second = ArchiveLock::acquire(dir);  // a second open file description: flock conflicts
        REQUIRE(second);
        CHECK_FALSE(second->has_value());
    }
    auto again = ArchiveLock::acquire(dir);
    REQUIRE(again);
    CHECK(again->has_value());
    fs::remove_all(dir.root());
}
