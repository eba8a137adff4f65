#include "dossier/crawl/archive_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dossier/core/date_time.hpp"

namespace dossier::crawl {

namespace fs = std::filesystem;

core::Result<void> ArchiveDir::prepare_for_writing() const {
    std::error_code ec;
    fs::create_directories(warc_dir(), ec);
    if (ec) return core::fail("crawl: cannot create archive folder " + warc_dir().string() + ": " + ec.message());
    // access(2) answers for the real uid, which is what a cron job runs as.
    if (::access(m_root.c_str(), W_OK) != 0 || ::access(warc_dir().c_str(), W_OK) != 0)
        return core::fail("crawl: archive folder is not writable: " + m_root.string() + ": " + std::strerror(errno));
    return {};
}

std::string ArchiveDir::new_warc_name(std::int64_t run_start) const {
    std::string stamp = core::format_utc(run_start);  // 2026-11-21T06:20:00Z
    std::string compact;
    for (char c : stamp)
        if (c != '-' && c != ':') compact.push_back(c);
    for (int n = 0;; ++n) {
        std::string name = compact + "-" + std::to_string(n) + ".warc.gz";
        std::error_code ec;
        if (!fs::exists(warc_dir() / name, ec)) return name;
    }
}

fs::path ArchiveDir::resolve_warc(const std::string& stored_name) const {
    fs::path p(stored_name);
    return p.is_absolute() ? p : warc_dir() / p;
}

core::Result<std::optional<ArchiveLock>> ArchiveLock::acquire(const ArchiveDir& dir) {
    const fs::path path = dir.lock_path();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return core::fail("crawl: cannot open lock " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) return std::optional<ArchiveLock>();
        return core::fail("crawl: cannot lock " + path.string() + ": " + std::strerror(err));
    }
    // The holder's pid helps an operator find it; the lock itself is the flock.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] auto n = ::write(fd, pid.data(), pid.size());
    }
    return std::optional<ArchiveLock>(ArchiveLock(fd));
}

ArchiveLock::ArchiveLock(ArchiveLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

ArchiveLock& ArchiveLock::operator=(ArchiveLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

ArchiveLock::~ArchiveLock() {
    if (m_fd >= 0) ::close(m_fd);
}

}  // namespace dossier::crawl
