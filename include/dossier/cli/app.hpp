#pragma once
// The dossier command line. Only main.cpp includes this.

namespace dossier::cli {

/// Runs the command line and returns the process exit code (DESIGN.md, "Exit codes"):
/// 0 clean, 1 fatal, 2 usage, 3 finished but something failed, 75 another crawl holds the lock.
int run(int argc, char** argv);

}  // namespace dossier::cli
