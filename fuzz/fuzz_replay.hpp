#pragma once
// For the regression tests in tests/unit/<module>/fuzz_regressions_test.cpp: the inputs to
// replay through a fuzz entry (fuzz/fuzz_<target>.hpp) in the normal test suite.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace dossier::fuzz {

/// One input: a name for test messages and the bytes.
struct ReplayInput {
    std::string name;
    std::string bytes;
};

/// The inputs a target's regression test replays: the degenerate ones every entry must survive
/// (empty input, header lines only), then every regular file of
/// `fixtures`/fuzz-regressions/`target`/ in name order, read whole. A file that cannot be read
/// is replayed as its path's text, so it fails visibly instead of vanishing.
inline std::vector<ReplayInput> replay_inputs(const std::filesystem::path& fixtures, std::string_view target) {
    std::vector<ReplayInput> out{{"(empty input)", ""},
                                 {"(one empty line)", "\n"},
                                 {"(empty header lines only)", std::string(8, '\n')}};
    const std::filesystem::path dir = fixtures / "fuzz-regressions" / std::string(target);
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in && !in.eof()) bytes = path.string();
        out.push_back({path.filename().string(), std::move(bytes)});
    }
    return out;
}

}  // namespace dossier::fuzz
