#pragma once
// Running the dossier binary while measuring it: its own peak memory (wait4's rusage) and its
// wall time; and a UTF-8 check for what it stored.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "process.hpp"

namespace dossier::test {

/// A finished child process with its resources.
struct MeasuredRun {
    ProcessResult result;
    long peak_rss_kib = 0;  ///< the child's own ru_maxrss (wait4), in KiB
    std::chrono::milliseconds elapsed{0};
};

/// Runs `program` like run_process (no shell; DOSSIER_* and proxy variables removed from the
/// environment; an AddressSanitizer quarantine of 16 MiB) and reports its peak resident memory
/// from wait4's rusage: that child alone, whatever else the test process ran before. The
/// forked child holds the test process's memory until exec, so the figure is at least that.
MeasuredRun run_measured(const std::string& program, const std::vector<std::string>& args);

/// True when `s` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values over U+10FFFF).
bool is_valid_utf8(std::string_view s);

}  // namespace dossier::test
