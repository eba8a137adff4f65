#pragma once
// Running the dossier binary while measuring its peak memory and wall time (run_process_with
// reports both) without AddressSanitizer's quarantine dominating the figure.
#include <string>
#include <vector>

#include "process.hpp"

namespace dossier::test {

/// run_process_with, with ASan's quarantine capped at 16 MiB in the child: freed memory waits
/// there up to 256 MiB, which would dominate the measurement (557 MiB measured, 143 MiB with
/// the cap). Programs built without ASan ignore the variable. The forked child holds the test
/// process's memory until exec, so the peak is at least that.
ProcessResult run_measured(const std::string& program, const std::vector<std::string>& args);

}  // namespace dossier::test
