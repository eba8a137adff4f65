#include "dossier/crawl/transport.hpp"

#include <atomic>
#include <deque>
#include <unordered_map>

#include "dossier/archive/http_response.hpp"
#include "dossier/archive/warc_reader.hpp"
#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/dedup/url_key.hpp"

namespace dossier::crawl {

namespace fs = std::filesystem;

namespace {

class NetworkTransport final : public Transport {
public:
    explicit NetworkTransport(const fetch::Options& options) : m_fetcher(options) {}
    void add(fetch::Request request) override { m_fetcher.add(std::move(request)); }
    void run(const std::function<void(const fetch::Exchange&)>& on_exchange,
             const std::function<void(fetch::Outcome&&)>& on_done) override {
        m_fetcher.run(on_exchange, on_done);
    }
    void cancel() noexcept override { m_fetcher.cancel(); }
    core::CaptureRef archived_ref(std::uint64_t) const override { return {}; }
    std::int64_t archived_at(std::uint64_t) const override { return 0; }

private:
    fetch::Fetcher m_fetcher;
};

struct RecordAt {
    std::size_t file = 0;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    std::string truncated;  ///< WARC-Truncated of the record: the capture is incomplete
};

/// "HTTP/1.1 301 Moved" -> 301; 0 when the block does not start with a status line.
int status_of(std::string_view block) {
    if (!block.starts_with("HTTP/")) return 0;
    const auto sp = block.find(' ');
    if (sp == std::string_view::npos || sp + 4 > block.size()) return 0;
    int code = 0;
    for (std::size_t i = sp + 1; i < sp + 4; ++i) {
        if (block[i] < '0' || block[i] > '9') return 0;
        code = code * 10 + (block[i] - '0');
    }
    return code;
}

class ReplayTransport final : public Transport {
public:
    ReplayTransport(std::vector<fs::path> files, fs::path archive_warc_dir)
        : m_files(std::move(files)), m_archive_dir(std::move(archive_warc_dir)) {}

    /// Indexes every response record of every file: URL -> newest record.
    core::Result<void> index() {
        for (std::size_t f = 0; f < m_files.size(); ++f) {
            auto reader = archive::WarcReader::open(m_files[f]);
            if (!reader) return core::fail(reader.error().message);
            for (;;) {
                auto next = reader->next();
                if (!next) continue;  // damaged record: skipped here, reported by import
                if (!*next) break;
                const auto& rec = **next;
                if (rec.type() != "response" || !rec.addressable) continue;
                const RecordAt at{f, rec.offset, rec.length, rec.field("WARC-Truncated")};
                const std::string uri = rec.target_uri();
                m_by_url[uri] = at;
                m_by_key[dedup::url_key(uri)] = at;
            }
        }
        return {};
    }

    void add(fetch::Request request) override { m_queue.push_back(std::move(request)); }

    void run(const std::function<void(const fetch::Exchange&)>&,
             const std::function<void(fetch::Outcome&&)>& on_done) override {
        while (!m_queue.empty()) {
            fetch::Request request = std::move(m_queue.front());
            m_queue.pop_front();
            on_done(answer(request));
        }
    }

    void cancel() noexcept override { m_cancelled = true; }

    core::CaptureRef archived_ref(std::uint64_t id) const override {
        auto it = m_refs.find(id);
        return it == m_refs.end() ? core::CaptureRef{} : it->second;
    }
    std::int64_t archived_at(std::uint64_t id) const override {
        auto it = m_dates.find(id);
        return it == m_dates.end() ? 0 : it->second;
    }

private:
    const RecordAt* find(const std::string& url) const {
        if (auto it = m_by_url.find(url); it != m_by_url.end()) return &it->second;
        if (auto it = m_by_key.find(dedup::url_key(url)); it != m_by_key.end()) return &it->second;
        return nullptr;
    }

    /// The name stored in an article's capture reference: relative inside the archive.
    std::string stored_name(const fs::path& file) const {
        std::error_code ec;
        const fs::path rel = fs::relative(fs::weakly_canonical(file, ec), fs::weakly_canonical(m_archive_dir, ec), ec);
        if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
        return fs::absolute(file, ec).string();
    }

    fetch::Outcome answer(const fetch::Request& request) {
        fetch::Outcome out;
        out.id = request.id;
        out.url = request.url;
        out.final_url = request.url;
        if (m_cancelled) {
            out.status = fetch::Status::cancelled;
            out.message = "fetch: cancelled: " + request.url;
            return out;
        }
        for (int hop = 0; hop <= 5; ++hop) {
            const RecordAt* at = find(out.final_url);
            if (!at) {
                out.status = fetch::Status::http_error;
                out.http_status = 404;
                out.message = "replay: not in the given WARC files: " + out.final_url;
                return out;
            }
            if (!at->truncated.empty()) {  // the live crawl did not get it whole either
                out.status = at->truncated == "length" ? fetch::Status::too_large : fetch::Status::other;
                out.message = "replay: the archived response is truncated (" + at->truncated + "): " + out.final_url;
                return out;
            }
            auto rec = archive::WarcReader::read_at(m_files[at->file], at->offset);
            if (!rec) {
                out.status = fetch::Status::other;
                out.message = rec.error().message;
                return out;
            }
            out.attempts = 1;
            out.http_status = status_of(rec->block);
            out.response_block = std::move(rec->block);
            m_refs[request.id] = {stored_name(m_files[at->file]), at->offset, at->length};
            if (auto date = core::parse_iso8601(rec->field("WARC-Date"))) m_dates[request.id] = date->seconds;
            if (out.http_status >= 300 && out.http_status < 400) {
                auto parsed = archive::parse_http_response(out.response_block);
                const std::string location = parsed ? parsed->header("location") : std::string();
                if (!location.empty()) {
                    out.final_url = core::resolve_url(out.final_url, location);
                    continue;
                }
            }
            out.status = out.http_status >= 200 && out.http_status < 300 ? fetch::Status::ok : fetch::Status::http_error;
            if (out.status != fetch::Status::ok)
                out.message = "fetch: HTTP " + std::to_string(out.http_status) + ": " + out.final_url;
            return out;
        }
        out.status = fetch::Status::redirect_limit;
        out.message = "fetch: more than 5 redirects: " + request.url;
        return out;
    }

    std::vector<fs::path> m_files;
    fs::path m_archive_dir;
    std::unordered_map<std::string, RecordAt> m_by_url, m_by_key;
    std::unordered_map<std::uint64_t, core::CaptureRef> m_refs;
    std::unordered_map<std::uint64_t, std::int64_t> m_dates;
    std::deque<fetch::Request> m_queue;
    std::atomic<bool> m_cancelled{false};
};

}  // namespace

std::unique_ptr<Transport> network_transport(const fetch::Options& options) {
    return std::make_unique<NetworkTransport>(options);
}

core::Result<std::unique_ptr<Transport>> replay_transport(const std::vector<fs::path>& warcs,
                                                          const fs::path& archive_warc_dir) {
    auto t = std::make_unique<ReplayTransport>(warcs, archive_warc_dir);
    if (auto ok = t->index(); !ok) return core::fail(ok.error().message);
    return std::unique_ptr<Transport>(std::move(t));
}

}  // namespace dossier::crawl
