// Durations for fetch.min_interval. The grammar is deliberately small (Go-like "1h30m" without
// fractions or negative values) so that a typo such as "1hr" or "30" fails loudly.
#include "dossier/sources/duration.hpp"

#include <array>
#include <optional>
#include <limits>

#include "dossier/core/strings.hpp"

namespace dossier::sources {
namespace {

struct Unit {
    char letter;
    std::int64_t seconds;
};

// Largest first: parts must appear in this order, each at most once.
constexpr std::array<Unit, 4> k_units{{{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

std::optional<std::int64_t> parse_parts(std::string_view s) {
    if (s.empty()) return std::nullopt;
    constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
    std::int64_t total = 0;
    std::size_t next_unit = 0;  // index into k_units of the smallest unit still allowed
    std::size_t i = 0;
    while (i < s.size()) {
        std::int64_t n = 0;
        const std::size_t digits_start = i;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (n > (k_max - 9) / 10) return std::nullopt;
            n = n * 10 + (s[i] - '0');
        }
        if (i == digits_start || i == s.size()) return std::nullopt;  // no digits, or no unit
        std::size_t u = next_unit;
        while (u < k_units.size() && k_units[u].letter != s[i]) ++u;
        if (u == k_units.size()) return std::nullopt;  // unknown unit, repeated or out of order
        if (n > (k_max - total) / k_units[u].seconds) return std::nullopt;
        total += n * k_units[u].seconds;
        next_unit = u + 1;
        ++i;
    }
    return total;
}

}  // namespace

core::Result<std::int64_t> parse_duration(std::string_view text) {
    if (auto v = parse_parts(core::trim(text))) return *v;
    return core::fail("sources: not a duration (use 30m, 1h, 1d): \"" + std::string(text) + "\"");
}

std::string format_duration(std::int64_t seconds) {
    if (seconds <= 0) return "0s";
    std::string out;
    for (const Unit& u : k_units) {
        const std::int64_t n = seconds / u.seconds;
        if (n == 0) continue;
        out += std::to_string(n);
        out += u.letter;
        seconds -= n * u.seconds;
    }
    return out;
}

}  // namespace dossier::sources
