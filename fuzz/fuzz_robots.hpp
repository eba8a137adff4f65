#pragma once
// Fuzz entry "robots": fetch::Robots::parse (RFC 9309) and Robots::allowed.
// Input: line 1 = the crawler's product token, line 2 = paths to check, tab-separated,
// the rest = the robots.txt body.
#include <chrono>
#include <string>
#include <string_view>

#include "dossier/fetch/robots.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Runs one input through the robots.txt parser and matcher; returns the invariants broken.
inline Violations run_robots(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view token = in.line();
    const auto paths = split_fields(in.line(), '\t');
    const fetch::Robots robots = fetch::Robots::parse(in.rest(), token);
    // RFC 9309 section 2.2.2: /robots.txt is always allowed.
    check(v, robots.allowed("/robots.txt"), "robots: /robots.txt disallowed");
    if (auto delay = robots.crawl_delay()) {
        check(v, delay->count() >= 0 && *delay <= std::chrono::hours(24), "robots: crawl delay outside 0 s .. 1 day");
    }
    for (std::string_view path : paths) {
        const bool allowed = robots.allowed(path);
        // No rule, no refusal: an empty group allows everything.
        if (robots.rule_count() == 0) check(v, allowed, "robots: path disallowed without rules: " + std::string(path));
    }
    // A default-constructed Robots (4xx robots.txt) allows everything.
    for (std::string_view path : paths)
        check(v, fetch::Robots().allowed(path), "robots: default Robots disallows " + std::string(path));
    return v;
}

}  // namespace dossier::fuzz
