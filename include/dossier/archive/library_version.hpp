#pragma once
// The version of the compression library the archive module was linked with, for `--version`.
#include <string>

namespace dossier::archive {

/// The zlib version in use at run time ("1.2.13"). Never fails.
std::string library_version();

}  // namespace dossier::archive
