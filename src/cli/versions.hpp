#pragma once
#include <string>

namespace dossier::cli {

/// "dossier X.Y.Z" and one line per linked library with the version it runs with.
std::string version_text();

}  // namespace dossier::cli
