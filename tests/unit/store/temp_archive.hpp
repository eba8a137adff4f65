#pragma once
// Test helpers for store: a temporary directory removed at scope end, file bytes, raw SQL on
// an archive file, and an article with every field filled.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "dossier/core/article.hpp"

namespace dossier::store::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        const auto name = "dossier-store-" + std::to_string(rd()) + "-" + std::to_string(rd());
        m_path = std::filesystem::temp_directory_path() / name;
        std::filesystem::create_directories(m_path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path db() const { return m_path / "dossier.db"; }

private:
    std::filesystem::path m_path;
};

inline std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Runs SQL on the file with a plain SQLite connection (no dossier tokenizer), as another
/// program or an older dossier would.
inline void raw_exec(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    INFO((err != nullptr ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

/// An article with a unique URL built from `slug`, the given text, and defaults elsewhere.
inline core::Article article(const std::string& slug, const std::string& title, const std::string& body,
                             const std::string& source = "testsrc", const std::string& lang = "zh") {
    core::Article a;
    a.url = "https://news.example.com/" + slug;
    a.canonical_url = a.url;
    a.title = title;
    a.text = body;
    a.source_id = source;
    a.lang = lang;
    a.first_seen = 1700000000;
    return a;
}

}  // namespace dossier::store::test
