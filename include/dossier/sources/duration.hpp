#pragma once
// Durations as written in source definitions: "30s", "15m", "1h", "1d", "1h30m".
#include <cstdint>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"

namespace dossier::sources {

/// Parses one or more "<digits><unit>" parts, units d, h, m, s, each at most once and in that
/// order ("1d12h", "1h30m"; surrounding whitespace is ignored). Returns the total in seconds.
/// Fails with `sources: not a duration (use 30m, 1h, 1d): "<text>"` on anything else
/// (a bare number, an unknown unit, "30m1h", overflow).
core::Result<std::int64_t> parse_duration(std::string_view text);

/// The shortest text parse_duration reads back as `seconds` ("1h30m", "0s"); `seconds` < 0
/// is written as "0s".
std::string format_duration(std::int64_t seconds);

}  // namespace dossier::sources
