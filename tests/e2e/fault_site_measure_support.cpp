#include "fault_site_measure.hpp"

#include <cstdlib>

namespace dossier::test {

ProcessResult run_measured(const std::string& program, const std::vector<std::string>& args) {
    ProcessOptions options;
    const char* asan = std::getenv("ASAN_OPTIONS");
    options.extra_env.push_back(std::string("ASAN_OPTIONS=") + (asan != nullptr ? std::string(asan) + ":" : "") +
                                "quarantine_size_mb=16");
    return run_process_with(program, args, options);
}

}  // namespace dossier::test
