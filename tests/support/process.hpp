#pragma once
// Test support: run a program with arguments and capture its exit code, stdout and stderr;
// make and remove temporary folders.
#include <filesystem>
#include <string>
#include <vector>

namespace dossier::test {

struct ProcessResult {
    int exit_code = -1;   ///< exit status, or 128 + signal when killed by a signal
    std::string out;
    std::string err;
};

/// Runs `program` with `args` (no shell), with DOSSIER_ARCHIVE removed from the environment
/// and `extra_env` ("NAME=value") added. Stdin is /dev/null.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_env = {});

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
