#pragma once
// Test support: run a program with arguments and capture its exit code, stdout and stderr;
// make and remove temporary folders.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <chrono>
#include <string>
#include <vector>

namespace dossier::test {

struct ProcessResult {
    int exit_code = -1;   ///< exit status, or 128 + signal when killed by a signal
    std::string out;
    std::string err;
    long peak_rss_kib = 0;  ///< the child's own peak resident memory (wait4's ru_maxrss), KiB
    std::chrono::milliseconds elapsed{0};  ///< wall time from start to exit
};

/// Runs `program` with `args` (no shell), with DOSSIER_* and proxy variables removed from the
/// environment (test servers are on loopback) and `extra_env` ("NAME=value") added, replacing
/// an inherited variable of the same name. Stdin is /dev/null.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_env = {});

/// How a child is started, beyond its program and arguments.
struct ProcessOptions {
    std::vector<std::string> extra_env;  ///< "NAME=value" added to the environment
    /// RLIMIT_FSIZE of the child in bytes (0: inherited). SIGXFSZ is ignored in the child, so a
    /// write past the limit fails with EFBIG instead of killing it: a full disk, per file.
    std::uint64_t file_size_limit = 0;
};

/// run_process with options: the same environment rules, plus the child's limits.
ProcessResult run_process_with(const std::string& program, const std::vector<std::string>& args,
                               const ProcessOptions& options);

/// A child running in the background (stdin /dev/null; stdout and stderr appended to
/// `output_file`, or /dev/null when it is empty). The destructor kills (SIGKILL) and reaps a
/// child that is still running. Throws std::runtime_error when fork fails.
class ChildProcess {
public:
    ChildProcess(const std::string& program, const std::vector<std::string>& args,
                 const std::filesystem::path& output_file = {}, const ProcessOptions& options = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    /// True until the child has exited (reaps it when it has).
    bool running();
    /// Sends `signal` to a child that is still running.
    void kill(int signal);
    /// Waits for the child: its exit status, or 128 + signal when a signal ended it.
    int wait();

private:
    pid_t m_pid = -1;
    int m_exit_code = -1;
};

/// A fresh folder under the system temp folder, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// The whole content of a file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& p);
/// Writes `data` to `p`, replacing it.
void write_file(const std::filesystem::path& p, const std::string& data);

}  // namespace dossier::test
