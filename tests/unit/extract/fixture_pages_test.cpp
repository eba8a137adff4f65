// Every folder of tests/fixtures/pages/ through extract(), scored as
// /work/shared/bin/score-extraction scores the corpus (page_score_support.hpp), against the
// floors pinned in tests/fixtures/pages/baseline.json: a lower score anywhere fails CI.
//   security-news pages: <slug>/{source.html, expected.json, meta.json}
//   readability pages:   rd-<name>/{source.html, expected.txt, expected-metadata.json}
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dossier/extract/extract.hpp"
#include "page_score_support.hpp"

using namespace dossier;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// What Readability's own tests pass as the page URL (and the script with them).
constexpr std::string_view k_readability_url = "http://fakehost/test/page.html";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

json read_json(const fs::path& p) {
    json j = json::parse(slurp(p), nullptr, false);
    INFO(p.string());
    REQUIRE(!j.is_discarded());
    return j;
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end()) return out;
    if (it->is_string()) out.push_back(it->get<std::string>());
    if (it->is_array())
        for (const json& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

/// One aggregate: how many pages passed out of how many had the check, and which failed.
struct Tally {
    int passed = 0;
    int checked = 0;
    std::vector<std::string> missed;
    void add(bool ok, const std::string& slug) {
        ++checked;
        passed += ok ? 1 : 0;
        if (!ok) missed.push_back(slug);
    }
    double fraction() const { return checked ? static_cast<double>(passed) / checked : 1.0; }
};

struct SecScores {
    int pages = 0;
    Tally title, date, author, first, last;
    int leaks = 0;
    int leak_strings = 0;
};

struct ReadabilityScores {
    int pages = 0;
    double precision_sum = 0, recall_sum = 0, bag_f1_sum = 0, page_f1_sum = 0;
    int precision_n = 0, recall_n = 0;
    Tally title, date;
    std::vector<std::string> weak_bodies;  ///< pages under 0.9 shingle F1, for the summary line
    double f1() const {
        const double p = precision_n ? precision_sum / precision_n : 0.0;
        const double r = recall_n ? recall_sum / recall_n : 0.0;
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

/// The page's article; a failed extraction is reported and scored as an empty article (wrong on
/// every check, as the script scores a crashed page), so the other pages are still scored.
core::Article extract_page(const fs::path& dir, std::string_view url) {
    auto r = extract::extract(slurp(dir / "source.html"), url);
    INFO(dir.filename().string() << ": " << (r ? std::string() : r.error().message));
    CHECK(r.has_value());
    return r ? std::move(r).value() : core::Article{};
}

void score_security_page(const fs::path& dir, SecScores& s) {
    const std::string slug = dir.filename().string();
    const json exp = read_json(dir / "expected.json");
    const json meta = fs::exists(dir / "meta.json") ? read_json(dir / "meta.json") : json::object();
    const std::string url = str(meta, "url").empty() ? str(exp, "url") : str(meta, "url");
    const core::Article a = extract_page(dir, url);
    const std::u32string text = page_score::sec_norm(a.text);
    ++s.pages;
    if (!str(exp, "title").empty())
        s.title.add(page_score::norm_title(page_score::to_utf8(page_score::sec_norm(a.title))) ==
                        page_score::norm_title(page_score::to_utf8(page_score::sec_norm(str(exp, "title")))),
                    slug);
    if (!str(exp, "published").empty()) {
        std::vector<std::string> truths = strings(exp, "published");
        for (std::string& alt : strings(exp, "published_alt")) truths.push_back(std::move(alt));
        s.date.add(a.published && page_score::sec_date_ok(truths, str(exp, "published_precision") == "day", *a.published),
                   slug);
    }
    if (!str(exp, "author").empty()) s.author.add(page_score::author_ok(str(exp, "author"), a.author), slug);
    if (!str(exp, "body_first").empty()) s.first.add(page_score::first_ok(text, str(exp, "body_first")), slug);
    if (!str(exp, "body_last").empty()) s.last.add(page_score::last_ok(text, str(exp, "body_last")), slug);
    const std::vector<std::string> banned = strings(exp, "must_not_contain");
    const std::vector<std::string> found = page_score::leaks(text, banned);
    s.leak_strings += static_cast<int>(banned.size());
    s.leaks += static_cast<int>(found.size());
    std::ostringstream leaked;
    for (const std::string& leak : found) leaked << " \"" << leak << '"';
    INFO(slug << ": the body holds boilerplate:" << leaked.str());
    CHECK(found.empty());  // a hard bar on every page, whatever the baseline says
}

void score_readability_page(const fs::path& dir, ReadabilityScores& s) {
    const std::string slug = dir.filename().string();
    const json meta = read_json(dir / "expected-metadata.json");
    const core::Article a = extract_page(dir, k_readability_url);
    const page_score::BodyScore b = page_score::score_body(slurp(dir / "expected.txt"), a.text);
    ++s.pages;
    if (b.use_precision) s.precision_sum += b.precision, ++s.precision_n;
    if (b.use_recall) s.recall_sum += b.recall, ++s.recall_n;
    s.bag_f1_sum += b.bag_f1;
    s.page_f1_sum += b.f1;
    if (b.f1 < 0.9) s.weak_bodies.push_back(slug);
    if (!str(meta, "title").empty())
        s.title.add(page_score::norm_title(a.title) == page_score::norm_title(str(meta, "title")), slug);
    if (!str(meta, "publishedTime").empty())
        s.date.add(a.published && page_score::readability_date_ok(str(meta, "publishedTime"), *a.published), slug);
}

std::string misses(const char* name, const Tally& t) {
    std::ostringstream out;
    out << name << ' ' << t.passed << '/' << t.checked;
    if (!t.missed.empty()) {
        out << " (missed:";
        for (const std::string& m : t.missed) out << ' ' << m;
        out << ')';
    }
    return out.str();
}

/// Each baseline key is a floor the measured value must reach; keys ending in "_max" are
/// ceilings instead (leaks). A key the test does not measure fails, so a typo cannot pass.
double num(int v) { return static_cast<double>(v); }

void check_floors(const json& floors, const std::map<std::string, double>& measured, const std::string& set) {
    REQUIRE(floors.is_object());
    for (const auto& [key, value] : floors.items()) {
        INFO(set << '.' << key << " in baseline.json");
        REQUIRE(value.is_number());
        const bool ceiling = key.size() > 4 && key.compare(key.size() - 4, 4, "_max") == 0;
        const auto it = measured.find(ceiling ? key.substr(0, key.size() - 4) : key);
        REQUIRE(it != measured.end());
        INFO("measured " << it->second << ", pinned " << value.get<double>());
        if (ceiling) CHECK(it->second <= value.get<double>());
        else CHECK(it->second >= value.get<double>());
    }
}

}  // namespace

TEST_CASE("every fixture page scores at or above the floors pinned in pages/baseline.json", "[extract]") {
    const fs::path root = fs::path(DOSSIER_FIXTURES) / "pages";
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory()) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    SecScores sec;
    ReadabilityScores rd;
    for (const fs::path& dir : dirs) {
        if (fs::exists(dir / "expected.json")) score_security_page(dir, sec);
        else if (fs::exists(dir / "expected.txt")) score_readability_page(dir, rd);
        else FAIL(dir.filename().string() << ": neither expected.json nor expected.txt");
    }
    WARN("security-news: " << sec.pages << " pages; " << misses("title", sec.title) << ", " << misses("date", sec.date)
                           << ", " << misses("author", sec.author) << ", " << misses("first", sec.first) << ", "
                           << misses("last", sec.last) << ", leaks " << sec.leaks << '/' << sec.leak_strings);
    const double n = rd.pages ? num(rd.pages) : 1.0;
    std::ostringstream weak;
    for (const std::string& w : rd.weak_bodies) weak << ' ' << w;
    WARN("readability: " << rd.pages << " pages; body F1 " << rd.f1() << ", mean page F1 " << rd.page_f1_sum / n
                         << ", bag F1 " << rd.bag_f1_sum / n << " (under 0.9:" << weak.str() << "), "
                         << misses("title", rd.title) << ", " << misses("date", rd.date));

    const json baseline = read_json(root / "baseline.json");
    REQUIRE(baseline.contains("security-news"));
    REQUIRE(baseline.contains("readability"));
    check_floors(baseline["security-news"],
                 {{"pages", num(sec.pages)}, {"title", num(sec.title.passed)}, {"date", num(sec.date.passed)},
                  {"author", num(sec.author.passed)}, {"first", num(sec.first.passed)},
                  {"last", num(sec.last.passed)}, {"leaks", num(sec.leaks)}},
                 "security-news");
    check_floors(baseline["readability"],
                 {{"pages", num(rd.pages)}, {"body_f1", rd.f1()}, {"mean_page_f1", rd.page_f1_sum / n},
                  {"bag_f1", rd.bag_f1_sum / n}, {"title", num(rd.title.passed)}, {"date", num(rd.date.passed)}},
                 "readability");
}
