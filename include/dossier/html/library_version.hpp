#pragma once
// The version of the HTML parser library the html module was built with, for `--version`.
#include <string>

namespace dossier::html {

/// Gumbo's version ("0.10.1"). Gumbo has no run-time version call, so this is the version the
/// build found (the compile definition DOSSIER_GUMBO_VERSION), or "unknown" without it.
/// Never fails.
std::string library_version();

}  // namespace dossier::html
