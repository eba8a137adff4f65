// Crawl benchmark: a loopback site of N articles behind one RSS feed, crawled end to end
// (fetch, archive, extract, dedup, store) into a fresh archive. Prints articles/s and peak RSS
// for each N, each N in its own process so peak RSS is that crawl's own.
//
//   build/release/bench/bench_crawl [N...]        (default: 2000 10000)
//
// Politeness delays are 0 here, for loopback only: a real crawl keeps its per-host delay.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "dossier/crawl/crawler.hpp"
#include "loopback_server.hpp"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

const char* k_words[] = {"attackers", "exploited", "vulnerability", "remote", "code", "execution", "patch", "vendor",
                         "researchers", "ransomware", "campaign", "credentials", "phishing", "malware", "update",
                         "firmware", "appliance", "network", "customers", "advisory", "released", "critical"};

/// A ~6 KB article page with site chrome, deterministic per id.
std::string page(int id) {
    std::mt19937 rng(static_cast<unsigned>(id));
    std::string body;
    for (int p = 0; p < 8; ++p) {
        body += "<p>";
        for (int w = 0; w < 90; ++w) {
            body += k_words[rng() % std::size(k_words)];
            body += w % 15 == 14 ? ". " : " ";
        }
        body += "Incident " + std::to_string(id) + ".</p>";
    }
    return "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Story " + std::to_string(id) +
           " | Bench News</title><meta property=\"article:published_time\" content=\"2025-12-01T08:00:00Z\"></head><body>"
           "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/about>About</a></nav><div class=sidebar><h3>Related</h3>"
           "<ul><li><a href=/x>Other story</a></li><li><a href=/y>Another</a></li></ul></div><article><h1>Story " +
           std::to_string(id) + "</h1>" + body + "</article><footer>Copyright Bench News</footer></body></html>";
}

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/// Serves the site from a child process (so its memory is not the crawler's) and returns its
/// pid; the site's base URL goes to `base`.
pid_t start_site(int n, std::string& base) {
    int fds[2];
    if (::pipe(fds) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid != 0) {
        ::close(fds[1]);
        char buf[128] = {};
        const ssize_t got = ::read(fds[0], buf, sizeof buf - 1);
        ::close(fds[0]);
        base = got > 0 ? std::string(buf, static_cast<std::size_t>(got)) : std::string();
        return pid;
    }
    ::close(fds[0]);
    test::LoopbackServer server;
    std::string feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>bench</title>";
    for (int i = 0; i < n; ++i)
        feed += "<item><title>Story " + std::to_string(i) + "</title><link>" + server.url("/a/" + std::to_string(i)) +
                "</link></item>";
    feed += "</channel></rss>";
    server.serve("/feed.xml", test::make_response(200, feed, {{"Content-Type", "application/rss+xml"}}));
    server.serve("/robots.txt", test::make_response(404, ""));
    // Pages are made when requested, so the server's memory does not grow with N.
    for (int i = 0; i < n; ++i)
        server.on("/a/" + std::to_string(i), [i](const test::SeenRequest&, test::Connection& c) {
            c.write(test::make_response(200, page(i), {{"Content-Type", "text/html"}}));
        });
    const std::string url = server.url("");
    [[maybe_unused]] auto w = ::write(fds[1], url.data(), url.size());
    ::close(fds[1]);
    ::pause();  // until the parent kills us
    ::_exit(0);
}

int run_one(int n) {
    std::string base;
    const pid_t site = start_site(n, base);
    if (site < 0 || base.empty()) return 1;
    const fs::path root = fs::temp_directory_path() / ("dossier-bench-" + std::to_string(::getpid()));
    fs::remove_all(root);
    crawl::ArchiveDir dir(root);
    if (!dir.prepare_for_writing()) return 1;
    auto store = store::ArticleStore::open(dir.db_path(), store::OpenMode::read_write);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    core::Source source;
    source.id = "bench";
    source.name = "bench";
    source.homepage = base + "/";
    source.index.push_back({core::IndexSpec::Kind::feed, base + "/feed.xml", "", "", "", ""});
    crawl::CrawlOptions options;
    options.max_new = n;
    options.fetch.per_host_delay = std::chrono::milliseconds(0);  // loopback only
    options.fetch.per_host_concurrency = 8;
    const long rss_before = peak_rss_kib();
    const auto start = std::chrono::steady_clock::now();
    auto report = crawl::run_crawl(dir, *store, {source}, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report) {
        std::fprintf(stderr, "%s\n", report.error().message.c_str());
        return 1;
    }
    for (std::size_t f = 0; f < report->failures.size() && f < 3; ++f)
        std::fprintf(stderr, "failure: %s\n", report->failures[f].message.c_str());
    const auto& s = report->sources.front();
    std::printf("crawl N=%-6d stored %-6lld failed %-4lld %7.1f s  %7.1f articles/s  peak RSS %6.1f MiB (%.1f MiB before the crawl)\n",
                n, static_cast<long long>(s.new_count), static_cast<long long>(s.failed), seconds,
                static_cast<double>(s.new_count) / seconds, static_cast<double>(peak_rss_kib()) / 1024.0,
                static_cast<double>(rss_before) / 1024.0);
    fs::remove_all(root);
    ::kill(site, SIGTERM);
    ::waitpid(site, nullptr, 0);
    std::fflush(stdout);  // the child leaves by _exit, which does not flush stdio
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty()) sizes = {2000, 10000};
    int status = 0;
    for (int n : sizes) {
        std::fflush(stdout);
        const pid_t pid = ::fork();
        if (pid == 0) ::_exit(run_one(n));
        int st = 0;
        ::waitpid(pid, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) status = 1;
    }
    return status;
}
