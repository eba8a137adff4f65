#pragma once
// The archive folder on disk (DESIGN.md, "The archive on disk"):
//   <dir>/dossier.db, <dir>/warc/<run-start>-<n>.warc.gz, <dir>/.lock, and <dir>/.warc-open
//   (the WARC file a run is writing; see run_warc.hpp and docs/crash-safety.md)
#include <filesystem>
#include <optional>
#include <string>

#include "dossier/core/result.hpp"

namespace dossier::crawl {

class ArchiveDir {
public:
    explicit ArchiveDir(std::filesystem::path root) : m_root(std::move(root)) {}

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path db_path() const { return m_root / "dossier.db"; }
    std::filesystem::path warc_dir() const { return m_root / "warc"; }
    std::filesystem::path lock_path() const { return m_root / ".lock"; }

    /// Creates the folder and warc/ when missing. Error (naming the folder and the reason) when
    /// it cannot be created or is not writable; nothing is changed then.
    core::Result<void> prepare_for_writing() const;

    /// A new WARC file name for a run that started at `run_start` (unix seconds):
    /// "<YYYYMMDDThhmmssZ>-<n>.warc.gz", n chosen so that the file does not exist yet.
    std::string new_warc_name(std::int64_t run_start) const;

    /// The absolute path of a capture's WARC file: names are stored relative to warc/.
    std::filesystem::path resolve_warc(const std::string& stored_name) const;

private:
    std::filesystem::path m_root;
};

/// An exclusive advisory lock on <archive>/.lock, held for the life of the object, so that
/// two writers (two crawls, a crawl and an import) never interleave. Released on destruction
/// and by the kernel when the process dies.
class ArchiveLock {
public:
    /// Takes the lock without waiting. Returns an empty optional when another process holds it
    /// (the CLI then exits 75), an error naming the path and OS reason when it cannot be taken.
    static core::Result<std::optional<ArchiveLock>> acquire(const ArchiveDir& dir);
    ArchiveLock(ArchiveLock&&) noexcept;
    ArchiveLock& operator=(ArchiveLock&&) noexcept;
    ArchiveLock(const ArchiveLock&) = delete;
    ArchiveLock& operator=(const ArchiveLock&) = delete;
    ~ArchiveLock();

private:
    explicit ArchiveLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

}  // namespace dossier::crawl
