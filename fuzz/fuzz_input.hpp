#pragma once
// Shared by the fuzz entries (fuzz/fuzz_<target>.hpp): splitting one fuzz input into header
// lines and a payload, and collecting the invariants an input broke. Header-only and free of
// libFuzzer and Catch2, so the libFuzzer targets and the regression tests in tests/unit/ run the
// very same code. Fuzz input formats: fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/date_time.hpp"

namespace dossier::fuzz {

/// The invariants an input broke, one line each ("feed: entry 3 url not http(s): ftp://x").
/// Empty when the input passed. A crash, a sanitizer report or a hang is found by the
/// sanitizers and libFuzzer themselves; these are the checks on the values returned.
using Violations = std::vector<std::string>;

/// Reads '\n'-terminated header lines off the front of a fuzz input, then the rest as payload.
class InputReader {
public:
    explicit InputReader(std::string_view input) : m_rest(input) {}

    /// The text up to the next '\n' (without it, and without a '\r' before it), consumed with
    /// the '\n'. When no '\n' is left the whole rest is the line: a short input is all header.
    std::string_view line() {
        const std::size_t nl = m_rest.find('\n');
        std::string_view out = m_rest.substr(0, nl);
        m_rest = nl == std::string_view::npos ? std::string_view() : m_rest.substr(nl + 1);
        if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
        return out;
    }

    /// Everything not consumed by line().
    std::string_view rest() const { return m_rest; }

private:
    std::string_view m_rest;
};

/// Splits `text` at every `sep` ("a\tb\t" -> {"a", "b", ""}).
inline std::vector<std::string_view> split_fields(std::string_view text, char sep) {
    std::vector<std::string_view> out;
    for (;;) {
        const std::size_t at = text.find(sep);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return out;
        text.remove_prefix(at + 1);
    }
}

/// Field `i` of `fields`, or "" when there are fewer.
inline std::string_view field_at(const std::vector<std::string_view>& fields, std::size_t i) {
    return i < fields.size() ? fields[i] : std::string_view();
}

/// True when `s` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
/// Written here rather than taken from dossier::text so that entries of modules that do not
/// link the text module can check their output too.
inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (b0 < 0x80) len = 1;
        else if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
        else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            const unsigned char min = k == 1 ? lo : static_cast<unsigned char>(0x80);
            const unsigned char max = k == 1 ? hi : static_cast<unsigned char>(0xBF);
            if (b < min || b > max) return false;
        }
        i += len;
    }
    return true;
}

/// True when `s` starts with `prefix`.
inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// True when `url` starts with "http://" or "https://" (scheme in any case).
inline bool is_http_url(std::string_view url) {
    std::string head(url.substr(0, 8));
    for (char& c : head)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return starts_with(head, "http://") || starts_with(head, "https://");
}

/// Adds "`what`" to `out` unless `ok`.
inline void check(Violations& out, bool ok, std::string_view what) {
    if (!ok) out.emplace_back(what);
}

/// Adds a violation unless `text` is well-formed UTF-8; `what` names the value.
inline void check_utf8(Violations& out, std::string_view text, std::string_view what) {
    if (!valid_utf8(text)) out.push_back(std::string(what) + " is not valid UTF-8");
}

/// A date returned by a parser must print (to_iso) and, printed, parse back to itself: the
/// ISO text is what the store and the JSON output keep. Years outside 0000..9999 cannot be
/// written in ISO 8601's four digits, so such a date is itself a violation.
inline void check_date(Violations& out, const std::optional<core::DateTime>& date, std::string_view what) {
    if (!date) return;
    const std::string iso = date->to_iso();
    const auto back = core::parse_iso8601(iso);
    if (!back || back->seconds != date->seconds || back->offset_minutes != date->offset_minutes ||
        back->date_only() != date->date_only())
        out.push_back(std::string(what) + " does not round-trip through to_iso: " + iso);
}

/// For the libFuzzer targets: prints the violations and aborts, so that libFuzzer records the
/// input as a crash. Does nothing when `v` is empty.
inline void abort_on(const Violations& v) {
    if (v.empty()) return;
    for (const std::string& line : v) std::fprintf(stderr, "fuzz invariant broken: %s\n", line.c_str());
    std::abort();
}

/// The bytes libFuzzer hands over, as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace dossier::fuzz
