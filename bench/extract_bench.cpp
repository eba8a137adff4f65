// Extraction benchmark: in one process over the same pages, times Gumbo parsing alone
// (html::Document::parse, the floor of our cost) and full extraction (extract::extract: charset
// decoding, parsing, every field's cascade), and prints pages/s, MB/s and their ratio. Then
// 1,000 extractions in a loop, printing VmRSS, to show memory per page is freed.
//
//   build/release/bench/bench_extract [DIR] [--rounds N] [--loop N]
//
// DIR (default ../shared/corpus) is searched for <page>/source.html at any depth (both corpus
// sets); security-news pages take their URL from meta.json, others Readability's test URL.
// Goal: full extraction >= 0.85 x Gumbo-only throughput.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dossier/extract/extract.hpp"
#include "dossier/html/document.hpp"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

struct Page {
    std::string path;
    std::string url;
    std::string bytes;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Every <dir>/source.html under `root`, sorted by path, read once into memory.
std::vector<Page> load_pages(const fs::path& root) {
    std::vector<Page> pages;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().filename() != "source.html") continue;
        Page p{e.path().string(), "http://fakehost/test/page.html", slurp(e.path())};
        const fs::path meta = e.path().parent_path() / "meta.json";
        if (fs::exists(meta)) {
            const auto j = nlohmann::json::parse(slurp(meta), nullptr, false);
            if (j.is_object() && j.contains("url") && j["url"].is_string()) p.url = j["url"].get<std::string>();
        }
        pages.push_back(std::move(p));
    }
    std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
    return pages;
}

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Seconds to parse every page once; `sink` keeps the work observable.
double time_parse(const std::vector<Page>& pages, std::size_t& sink) {
    const double t0 = now_s();
    for (const Page& p : pages) {
        auto doc = html::Document::parse(p.bytes);
        if (doc) sink += doc->root().child_count();
    }
    return now_s() - t0;
}

/// Seconds to extract every page once; counts failures.
double time_extract(const std::vector<Page>& pages, std::size_t& sink, std::size_t& failures) {
    const double t0 = now_s();
    for (const Page& p : pages) {
        auto a = extract::extract(p.bytes, p.url);
        if (a) sink += a->text.size();
        else ++failures;
    }
    return now_s() - t0;
}

/// A "VmRSS:" / "VmHWM:" line of /proc/self/status, in KiB; -1 when absent.
long vm_status_kib(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + key.size());
    return -1;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void report(const char* what, const std::vector<double>& secs, std::size_t pages, double mb) {
    const double best = *std::min_element(secs.begin(), secs.end());
    const double med = median(secs);
    std::printf("%-12s best %7.1f pages/s %6.2f MB/s   median %7.1f pages/s %6.2f MB/s\n", what,
                static_cast<double>(pages) / best, mb / best, static_cast<double>(pages) / med, mb / med);
}

void memory_loop(const std::vector<Page>& pages, int count, std::size_t& sink) {
    std::printf("memory: VmRSS over %d extractions (pages cycled)\n", count);
    std::printf("  after %4d: VmRSS %ld KiB (peak so far %ld KiB)\n", 0, vm_status_kib("VmRSS:"),
                vm_status_kib("VmHWM:"));
    for (int i = 1; i <= count; ++i) {
        const Page& p = pages[static_cast<std::size_t>(i - 1) % pages.size()];
        if (auto a = extract::extract(p.bytes, p.url)) sink += a->text.size();
        if (i == 100 || i == 500 || i == count)
            std::printf("  after %4d: VmRSS %ld KiB (peak so far %ld KiB)\n", i, vm_status_kib("VmRSS:"),
                        vm_status_kib("VmHWM:"));
    }
}

}  // namespace

int main(int argc, char** argv) {
    fs::path root = "../shared/corpus";
    int rounds = 7;
    int loop = 1000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--loop" && i + 1 < argc) loop = std::max(1, std::atoi(argv[++i]));
        else if (arg.rfind("--", 0) == 0) {
            std::fprintf(stderr, "usage: bench_extract [DIR] [--rounds N] [--loop N]\n");
            return 2;
        } else root = arg;
    }
    const std::vector<Page> pages = load_pages(root);
    if (pages.empty()) {
        std::fprintf(stderr, "bench_extract: no */source.html under %s\n", root.string().c_str());
        return 1;
    }
    std::size_t bytes = 0;
    for (const Page& p : pages) bytes += p.bytes.size();
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("%zu pages, %.2f MB (mean %.0f KB) from %s; %d rounds, interleaved\n", pages.size(), mb,
                mb * 1e3 / static_cast<double>(pages.size()), root.string().c_str(), rounds);

    std::size_t sink = 0, failures = 0;
    time_extract(pages, sink, failures);  // warm-up: page cache, allocator, ICU data
    failures = 0;
    std::vector<double> parse_s, extract_s;
    for (int r = 0; r < rounds; ++r) {
        parse_s.push_back(time_parse(pages, sink));
        extract_s.push_back(time_extract(pages, sink, failures));
    }
    report("gumbo-only", parse_s, pages.size(), mb);
    report("extract", extract_s, pages.size(), mb);
    const double best_ratio = *std::min_element(parse_s.begin(), parse_s.end()) /
                              *std::min_element(extract_s.begin(), extract_s.end());
    std::printf("ratio extract/gumbo throughput: best %.3f, median %.3f (goal >= 0.85); extract failures %zu\n",
                best_ratio, median(parse_s) / median(extract_s), failures / static_cast<std::size_t>(rounds));
    memory_loop(pages, loop, sink);
    std::printf("(checksum %zu)\n", sink);
    return 0;
}
