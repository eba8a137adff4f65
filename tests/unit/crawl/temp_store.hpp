#pragma once
// A store in a temporary folder for crawl tests, removed at scope end.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include "dossier/store/article_store.hpp"

namespace dossier::crawl::test {

struct TempStore {
    std::filesystem::path dir;
    std::optional<store::ArticleStore> store;
    TempStore() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("dossier-crawl-test-" + std::to_string(rd()));
        std::filesystem::create_directories(dir);
        auto s = store::ArticleStore::open(dir / "dossier.db", store::OpenMode::read_write);
        REQUIRE(s);
        store.emplace(std::move(*s));
    }
    ~TempStore() {
        store.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

}  // namespace dossier::crawl::test
