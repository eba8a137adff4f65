#pragma once
// The sources module: load, validate and write feeds/*.toml (DESIGN.md, "Source definitions").
#include "dossier/sources/duration.hpp"    // IWYU pragma: export
#include "dossier/sources/loader.hpp"      // IWYU pragma: export
#include "dossier/sources/source_id.hpp"   // IWYU pragma: export
#include "dossier/sources/toml_writer.hpp" // IWYU pragma: export
