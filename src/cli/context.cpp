#include "context.hpp"

#include <unistd.h>

#include <filesystem>

#include "dossier/core/date_time.hpp"

namespace dossier::cli {

crawl::ArchiveDir archive_dir(const GlobalOptions& g) { return crawl::ArchiveDir(g.archive); }

store::ArticleStore open_for_reading(const GlobalOptions& g) {
    const auto dir = archive_dir(g);
    std::error_code ec;
    if (!std::filesystem::exists(dir.db_path(), ec))
        throw FatalError("no archive at " + dir.root().string() + " (run `dossier import` or `dossier crawl` first, or pass --archive DIR)");
    auto store = store::ArticleStore::open(dir.db_path(), store::OpenMode::read_only);
    if (!store) throw FatalError(store.error().message);
    return std::move(*store);
}

store::ArticleStore open_for_writing(const GlobalOptions& g) {
    const auto dir = archive_dir(g);
    std::error_code ec;
    std::filesystem::create_directories(dir.root(), ec);
    if (ec) throw FatalError("cannot create archive folder " + dir.root().string() + ": " + ec.message());
    auto store = store::ArticleStore::open(dir.db_path(), store::OpenMode::read_write);
    if (!store) throw FatalError(store.error().message);
    return std::move(*store);
}

std::int64_t parse_date_bound(const std::string& option, const std::string& value, bool end_of_day) {
    auto dt = core::parse_iso8601(value);
    if (!dt) throw UsageError(option + ": not a date (use YYYY-MM-DD or ISO 8601): " + value);
    if (dt->date_only() && end_of_day) return dt->seconds + 86400;
    return dt->seconds;
}

bool stdout_is_tty() { return ::isatty(1) == 1; }
bool stderr_is_tty() { return ::isatty(2) == 1; }

}  // namespace dossier::cli
