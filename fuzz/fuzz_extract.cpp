// libFuzzer target "extract": see fuzz_extract.hpp for what it feeds and fuzz/README.md for how to run it.
#include <cstddef>
#include <cstdint>

#include "fuzz_extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dossier::fuzz::abort_on(dossier::fuzz::run_extract(dossier::fuzz::as_text(data, size)));
    return 0;
}
