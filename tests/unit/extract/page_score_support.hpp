#pragma once
// The scoring of /work/shared/bin/score-extraction, rewritten in C++ for the fixture-page test
// (fixture_pages_test.cpp): the same normalisation of titles, authors and body text, the same
// date rules and the same body metrics, so a floor measured with the script holds here.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/date_time.hpp"

namespace dossier::page_score {

/// The security-news window: body_first must start within, body_last end within, this many
/// characters (code points) of the text's start / end.
inline constexpr std::size_t k_first_last_window = 400;

/// The text as code points (invalid UTF-8 becomes U+FFFD).
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

/// HTML character references decoded (numeric, and the named ones seen in truth files), U+00AD,
/// U+200B and U+FEFF removed, whitespace runs collapsed to one space and trimmed (the script's
/// sec_norm).
std::u32string sec_norm(std::string_view s);

/// NFKC with case folding, curly quotes / dashes / NBSP unified, whitespace collapsed
/// (the script's norm_title; also its norm_author).
std::string norm_title(std::string_view s);

/// True when the predicted author is accepted for `truth`: equal after norm_title, or it
/// contains the truth and is at most 40 characters longer, or the name lists (split on
/// , ; & / 、 and/und/y/et) are equal as sets, or the predicted names are a subset of the truth
/// names including the first one.
bool author_ok(std::string_view truth, std::string_view predicted);

/// body_first occurs in `text` (already sec_norm-ed) starting within `window` characters;
/// failing that, the same with all whitespace removed on both sides.
bool first_ok(const std::u32string& text, std::string_view want, std::size_t window = k_first_last_window);
/// body_last occurs in `text` ending within `window` characters of its end (same fallback).
bool last_ok(const std::u32string& text, std::string_view want, std::size_t window = k_first_last_window);

/// The must_not_contain strings found in `text` (sec_norm-ed), compared with all whitespace
/// removed, so a leak is caught whatever spacing the extractor produced.
std::vector<std::string> leaks(const std::u32string& text, const std::vector<std::string>& strings);

/// security-news date check: against any of `truths` (ISO 8601), the same instant when the
/// truth has a time and both carry an offset (unless `day_precision`), else the same calendar
/// day as written. False when no truth parses.
bool sec_date_ok(const std::vector<std::string>& truths, bool day_precision, const core::DateTime& predicted);

/// readability date check: the same calendar day as written, or the same UTC day when both
/// carry an offset.
bool readability_date_ok(std::string_view truth, const core::DateTime& predicted);

/// The script's "cjk" tokenizer: every Han / kana / Hangul character is a token, other runs of
/// word characters (letters, digits, marks, '_') are tokens; case is kept.
std::vector<std::string> tokens(std::string_view text);

/// One readability page's body scores against its expected text.
struct BodyScore {
    double precision = 0;  ///< over 4-token shingles (multisets)
    double recall = 0;
    double f1 = 0;
    double bag_f1 = 0;     ///< over single tokens
    bool use_precision = false;  ///< counted in the mean precision (something matched or extra)
    bool use_recall = false;     ///< counted in the mean recall (something matched or missed)
};
BodyScore score_body(std::string_view expected, std::string_view predicted);

}  // namespace dossier::page_score
