#include "archive_checks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dossier/archive/warc_reader.hpp"

namespace dossier::test {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

std::string sql(const TempDir& dir, const std::string& query) {
    auto r = run_process("/usr/bin/sqlite3", {"-readonly", (dir / "archive/dossier.db").string(), query});
    INFO(query << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::multiset<std::string> stored_urls(const TempDir& dir) {
    const auto l = lines(sql(dir, "SELECT url FROM articles;"));
    return {l.begin(), l.end()};
}

std::vector<StoredCapture> stored_captures(const TempDir& dir) {
    std::vector<StoredCapture> out;
    for (const auto& line : lines(sql(dir, "SELECT url || '|' || capture_file || '|' || capture_offset || '|' || "
                                           "capture_length FROM articles;"))) {
        StoredCapture c;
        std::istringstream in(line);
        std::string offset, length;
        std::getline(in, c.url, '|');
        std::getline(in, c.file, '|');
        std::getline(in, offset, '|');
        std::getline(in, length, '|');
        c.offset = std::stoull(offset);
        c.length = std::stoull(length);
        out.push_back(c);
    }
    return out;
}

WarcScan scan_warc(const fs::path& path) {
    WarcScan s;
    s.size = fs::file_size(path);
    auto reader = archive::WarcReader::open(path);
    REQUIRE(reader);
    for (;;) {
        auto rec = reader->next();
        if (!rec) {
            s.errors.push_back(rec.error().message);
            continue;
        }
        if (!*rec) break;
        (*rec)->block.clear();
        s.records.push_back(std::move(**rec));
    }
    s.complete_end = reader->complete_end();
    return s;
}

std::vector<fs::path> warc_files(const TempDir& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir / "archive/warc"))
        if (e.path().filename().string().ends_with(".warc.gz")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void check_warcs_clean(const TempDir& dir) {
    for (const auto& f : warc_files(dir)) {
        INFO(f.string());
        const WarcScan s = scan_warc(f);
        CHECK(s.errors.empty());
        CHECK(s.complete_end == s.size);
        CHECK_FALSE(s.records.empty());
    }
}

std::string open_warc_note(const TempDir& dir) {
    std::ifstream in(dir / "archive/.warc-open");
    std::string name;
    std::getline(in, name);
    return name;
}

}  // namespace dossier::test
