#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "dossier/sources/loader.hpp"

using dossier::sources::load_file;
using dossier::sources::load_text;

namespace {

const std::filesystem::path k_fixtures = std::filesystem::path(DOSSIER_FIXTURES) / "sources";

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

constexpr const char* k_minimal = R"(id = "mini"
name = "Mini"
homepage = "https://example.com/"

[[index]]
kind = "feed"
url = "https://example.com/feed"
)";

}  // namespace

TEST_CASE("load_text reads a definition from memory and records the given path", "[sources]") {
    auto r = load_text(k_minimal, "feeds/mini.toml");
    REQUIRE(r);
    CHECK(r->id == "mini");
    CHECK(r->name == "Mini");
    REQUIRE(r->index.size() == 1);
    CHECK(r->index[0].url == "https://example.com/feed");
    CHECK(r->path == "feeds/mini.toml");
}

TEST_CASE("load_text checks the id against the stem of the path it is given", "[sources]") {
    auto r = load_text(k_minimal, "feeds/other.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "feeds/other.toml: id: \"mini\" does not match the file name");
}

TEST_CASE("load_text gives the same messages as load_file for the same bytes", "[sources]") {
    for (const char* name : {"several_problems.toml", "syntax_error.toml", "full_listing.toml", "bad_proxy.toml"}) {
        INFO(name);
        const auto path = k_fixtures / name;
        auto from_file = load_file(path);
        auto from_text = load_text(read_all(path), path);
        REQUIRE(from_file.has_value() == from_text.has_value());
        if (from_file) CHECK(from_text->name == from_file->name);
        else CHECK(from_text.error().message == from_file.error().message);
    }
}

TEST_CASE("load_text refuses text over the file size cap without parsing it", "[sources]") {
    const std::string huge(std::size_t{1} << 21, '#');
    auto r = load_text(huge, "big.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "big.toml: file too large (2097152 bytes)");
}
