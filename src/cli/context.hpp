#pragma once
// What every subcommand shares: global options, exit codes, the archive and its store.
#include <stdexcept>
#include <string>

#include "dossier/crawl/archive_dir.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_fatal = 1;
inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_partial = 3;
inline constexpr int k_exit_locked = 75;  // EX_TEMPFAIL: cron may simply try again later

/// "Cannot start": bad environment (unreadable archive, not a dossier database). Exit 1.
struct FatalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A usage problem found after parsing (bad date, malformed query). Exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct GlobalOptions {
    std::string archive = "archive";  ///< --archive DIR, or DOSSIER_ARCHIVE
    bool quiet = false;               ///< -q: only failures on stderr
};

/// The archive folder named by the global options.
crawl::ArchiveDir archive_dir(const GlobalOptions& g);

/// Opens the archive's database for reading; throws FatalError when there is none or it is
/// not a dossier archive. Never creates or changes anything.
store::ArticleStore open_for_reading(const GlobalOptions& g);

/// Opens (creating the folder and database, and migrating, when needed) the archive's database
/// for writing; throws FatalError naming the folder or file when that fails. A database that is
/// not a dossier archive is refused before anything else is created.
store::ArticleStore open_for_writing(const GlobalOptions& g);

/// Parses a --since/--until value ("2025-01-01", or a full ISO 8601 time) into unix seconds.
/// `end_of_day` makes a date-only value mean the end of that day (for --until). Throws UsageError.
std::int64_t parse_date_bound(const std::string& option, const std::string& value, bool end_of_day);

/// True when stdout (fd 1) / stderr (fd 2) is a terminal.
bool stdout_is_tty();
bool stderr_is_tty();

}  // namespace dossier::cli
