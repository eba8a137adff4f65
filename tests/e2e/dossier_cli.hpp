#pragma once
// End-to-end helpers: the built binary (DOSSIER_BINARY, from CMake) run on a temporary archive.
#include <string>
#include <vector>

#include "process.hpp"

namespace dossier::test {

inline const std::string k_bin = DOSSIER_BINARY;

/// Runs `dossier --archive <dir>/archive ARGS...`.
inline ProcessResult run_dossier(const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"--archive", (dir / "archive").string()});
    return run_process(k_bin, args);
}

}  // namespace dossier::test
