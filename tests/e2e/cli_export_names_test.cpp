// End-to-end: Markdown export file names made from hostile titles stay inside the output folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "dossier_cli.hpp"

using dossier::test::run_dossier;
using dossier::test::TempDir;
using dossier::test::write_file;

namespace fs = std::filesystem;

namespace {

/// A page whose body differs per `n` (same bodies would be stored once, as duplicates).
std::string page(const std::string& title, std::size_t n) {
    std::string body = "<p>Advisory number " + std::to_string(n) + " of this series.</p>";
    for (int k = 0; k < 6; ++k)
        body += "<p>Researchers disclosed a vulnerability in a widely used library this week, and vendors "
                "shipped patches for the affected versions after coordinated disclosure.</p>";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
           "</title></head><body><article><h1>" + title + "</h1>" + body + "</article></body></html>";
}

bool inside(const fs::path& file, const fs::path& dir) {
    const auto f = fs::weakly_canonical(file).string();
    const auto d = fs::weakly_canonical(dir).string() + "/";
    return f.rfind(d, 0) == 0;
}

}  // namespace

TEST_CASE("export --format md names files from titles that cannot leave the output folder", "[e2e]") {
    TempDir dir;
    const std::vector<std::string> titles{
        "../../../../etc/passwd",
        "a/b\\c/../d",
        "CON",
        "nul.txt",
        "..",
        std::string(300, 'x'),
        std::string(100, 'y') + " 漏洞" + std::string(200, 'z'),
        "tab\there &#0; &#x0; nul",
        "LPT1.md",
    };
    std::vector<std::string> args{"import"};
    for (std::size_t k = 0; k < titles.size(); ++k) {
        const fs::path f = dir / ("page" + std::to_string(k) + ".html");
        write_file(f, page(titles[k], k));
        args.push_back(f.string());
    }
    auto imported = run_dossier(dir, args);
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    const fs::path out = dir / "out";
    auto r = run_dossier(dir, {"export", "--format", "md", "--out", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // every file is directly inside `out`, with a short, plain, non-reserved name
    std::set<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        if (entry.path().extension() != ".md") continue;
        INFO(entry.path());
        CHECK(entry.path().parent_path() == out);
        CHECK(inside(entry.path(), out));
        names.insert(entry.path().filename().string());
    }
    CHECK(names.size() == titles.size());
    for (const auto& name : names) {
        INFO(name);
        CHECK(name.size() <= 255);
        CHECK(name.find("..") == std::string::npos);
        CHECK(name.find('\\') == std::string::npos);
        CHECK(name.find('\0') == std::string::npos);
        CHECK(name.front() != '.');
        const std::string stem = fs::path(name).stem().string();
        for (const char* reserved : {"CON", "NUL", "PRN", "AUX", "COM1", "LPT1", "con", "nul"})
            CHECK(stem != reserved);
    }
    CHECK_FALSE(fs::exists(dir / "etc"));
}
