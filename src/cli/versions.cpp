#include "versions.hpp"

#include <CLI/Version.hpp>
#include <nlohmann/json.hpp>

#include "dossier/build_info.hpp"
#include "dossier/archive/library_version.hpp"
#include "dossier/fetch/fetcher.hpp"
#include "dossier/html/library_version.hpp"
#include "dossier/store/library_version.hpp"
#include "dossier/text/library_version.hpp"

namespace dossier::cli {

std::string version_text() {
    std::string s = std::string("dossier ") + build_info::k_version + "\n";
    auto line = [&s](const char* name, const std::string& v) { s += std::string("  ") + name + " " + v + "\n"; };
    s += "  " + fetch::library_version() + "\n";  // "libcurl 7.88.1 (OpenSSL/..., zlib/...)"
    line("SQLite  ", store::library_version());
    line("Gumbo   ", html::library_version());
    line("ICU     ", text::library_version());
    line("zlib    ", archive::library_version());
    line("nlohmann", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
                         "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH));
    line("CLI11   ", CLI11_VERSION);
    return s;
}

}  // namespace dossier::cli
