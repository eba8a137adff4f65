#include "dossier/crawl/importer.hpp"

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

#include "dossier/archive/http_response.hpp"
#include "dossier/archive/warc_reader.hpp"
#include "dossier/archive/warc_writer.hpp"
#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/extract/extract.hpp"
#include "run_warc.hpp"

namespace dossier::crawl {

namespace fs = std::filesystem;

namespace {

/// Largest local file imported as one page; pages beyond it are reported, not read.
constexpr std::uintmax_t k_max_file_bytes = 64u << 20;

/// The file's modification time: when a saved page was captured, as near as a file can tell.
std::optional<std::int64_t> file_time(const fs::path& p) {
    std::error_code ec;
    const auto t = fs::last_write_time(p, ec);
    if (ec) return std::nullopt;
    const auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

bool has_html_extension(const fs::path& p) {
    const std::string ext = core::to_lower_ascii(p.extension().string());
    return ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml";
}

/// True when the first KiB has no NUL and few other control bytes: text in some charset,
/// not an image or archive that happens to be named .html.
bool looks_like_text(std::string_view body) {
    const std::string_view head = body.substr(0, 1024);
    std::size_t controls = 0;
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return false;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
    }
    return !head.empty() && controls * 100 <= head.size();
}

bool is_warc_path(const fs::path& p) {
    const std::string name = core::to_lower_ascii(p.filename().string());
    return name.ends_with(".warc") || name.ends_with(".warc.gz");
}

class Importer {
public:
    Importer(const ArchiveDir& dir, store::ArticleStore& store, const ImportOptions& options)
        : m_options(options),
          m_db_path(dir.db_path().string()),
          m_warc(dir, options.now, "dossier import"),
          m_pipeline(store, pipeline_options(options.source_id)) {}

    /// Returns an error only when the archive's own WARC cannot be written.
    core::Result<void> import_file(const fs::path& path) {
        if (is_warc_path(path)) return import_warc(path);
        return import_html(path);
    }

    core::Result<void> finish() { return m_pipeline.finish(); }
    Tally& tally() { return m_tally; }
    const std::string& warc_name() const { return m_warc.name(); }

private:
    PipelineOptions pipeline_options(const std::string& source_id) {
        PipelineOptions o;
        o.source_id = source_id;
        o.before_commit = [this]() -> core::Result<void> { return m_warc.flush(); };
        return o;
    }

    core::Result<void> import_html(const fs::path& path) {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (ec) {
            m_tally.fail(path.string(), "input", "import: cannot read " + path.string() + ": " + ec.message());
            return {};
        }
        if (size > k_max_file_bytes) {
            m_tally.fail(path.string(), "input", "import: file over " + std::to_string(k_max_file_bytes) + " bytes: " + path.string());
            return {};
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        if (!in && !in.eof()) {
            m_tally.fail(path.string(), "input", "import: cannot read " + path.string());
            return {};
        }
        core::Capture capture;
        capture.url = m_options.url ? *m_options.url : core::file_url(path.string());
        capture.fetched_at = file_time(path).value_or(m_options.now);
        capture.body = std::move(buf).str();
        // A local file has no Content-Type: sniff it, and trust an .html/.htm name only for text.
        if (!is_html(capture) && !(has_html_extension(path) && looks_like_text(capture.body))) {
            m_tally.fail(path.string(), "input", "import: not an HTML file: " + path.string());
            return {};
        }
        capture.headers.emplace_back("Content-Type", "text/html");
        return archive_and_process(capture, {});
    }

    core::Result<void> import_warc(const fs::path& path) {
        auto reader = archive::WarcReader::open(path);
        if (!reader) {
            m_tally.fail(path.string(), "archive", reader.error().message);
            return {};
        }
        for (;;) {
            auto next = reader->next();
            if (!next) {
                m_tally.fail(path.string(), "archive", next.error().message);
                continue;  // the reader resynchronises at the next record
            }
            if (!*next) return {};
            const archive::WarcRecord& record = **next;
            const std::string type = record.type();
            if (type != "response" && type != "resource") continue;  // requests, metadata, warcinfo...
            auto capture = archive::to_capture(record, path.string());
            const std::string where = path.string() + "@" + std::to_string(record.offset);
            if (!capture) {
                m_tally.fail(where, "archive", capture.error().message);
                continue;
            }
            if (!is_html(*capture)) {
                m_tally.skip(capture->url, "not HTML: " + capture->media_type());
                continue;
            }
            const bool http = type == "response";
            if (auto ok = archive_and_process(*capture, http ? std::string_view(record.block) : std::string_view()); !ok)
                return ok;
        }
    }

    /// Writes the capture into the archive's WARC (as the original HTTP response block when
    /// there is one, else as a resource record), then runs the pipeline on it.
    core::Result<void> archive_and_process(core::Capture& capture, std::string_view http_block) {
        auto known = m_pipeline.is_known(capture.url);
        if (!known) {
            m_tally.fail(capture.url, "store", known.error().message);
            return {};
        }
        if (*known) {  // already stored: only a changed body (a revision) adds anything
            auto changed = m_pipeline.is_revision(capture);
            if (!changed) {
                m_tally.fail(capture.url, "store", changed.error().message);
                return {};
            }
            if (!*changed) {
                ++m_tally.duplicate;
                return {};
            }
        }
        auto writer = m_warc.writer();
        if (!writer) return core::fail(writer.error().message);
        core::Result<core::CaptureRef> ref = core::fail("");
        if (!http_block.empty())
            ref = (*writer)->write_response(capture.url, capture.fetched_at, http_block);
        else
            ref = (*writer)->write_resource(capture.url, capture.fetched_at, capture.header("content-type"), capture.body);
        if (!ref) return core::fail(ref.error().message);
        capture.ref = *ref;
        capture.ref.warc_file = m_warc.name();
        const std::size_t failures = m_tally.failures.size();
        m_pipeline.process(capture, m_tally);
        // A failed database write ends the import, as it ends a crawl: going on could commit
        // later articles over a lost batch and report the import as merely partial.
        for (std::size_t i = failures; i < m_tally.failures.size(); ++i)
            if (m_tally.failures[i].stage == "store")
                return core::fail(m_tally.failures[i].message + ": " + m_db_path);
        return {};
    }

    const ImportOptions& m_options;
    std::string m_db_path;
    RunWarc m_warc;
    Pipeline m_pipeline;
    Tally m_tally;
};

}  // namespace

core::Result<ImportReport> import_paths(const ArchiveDir& dir, store::ArticleStore& store,
                                        const std::vector<fs::path>& paths, const ImportOptions& options) {
    ImportOptions opts = options;
    if (opts.now == 0) opts.now = core::now_seconds();
    if (auto ok = dir.prepare_for_writing(); !ok) return core::fail(ok.error().message);
    if (auto ok = store.set_judging(opts.judging); !ok) return core::fail(ok.error().message);
    auto run = store.begin_run("import");
    if (!run) return core::fail(run.error().message);

    Importer importer(dir, store, opts);
    for (const auto& path : paths) {
        if (auto ok = importer.import_file(path); !ok) {
            (void)store.rollback();
            return core::fail(ok.error().message);
        }
    }
    if (auto ok = importer.finish(); !ok) return core::fail(ok.error().message);

    ImportReport report;
    report.run_id = *run;
    report.tally = std::move(importer.tally());
    report.warc_written = importer.warc_name();
    for (const auto& f : report.tally.failures) (void)store.add_report(report.run_id, {"", f.where, f.stage, f.message});
    (void)store.finish_run(report.run_id, report.tally.stored, report.tally.duplicate, report.tally.failed());
    (void)store.optimize_after_run();
    return report;
}

}  // namespace dossier::crawl
