// Unicode helpers. Folding is precomputed for the BMP once (a 256 KiB table) because the
// search tokenizer calls fold() for every character of every article.
#include "dossier/text/unicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

namespace dossier::text {

namespace {

constexpr char32_t k_replacement = 0xFFFD;

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

/// Latin, Greek and Cyrillic letters are the scripts whose diacritics unicode61 removes;
/// elsewhere (Indic vowel signs, kana voicing marks) a mark changes the letter.
bool strips_diacritics(char32_t base) { return base < 0x0530 || in(base, 0x1E00, 0x1FFF); }

char32_t compute_fold(char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    if (in(cp, 0x0300, 0x036F)) return 0;  // a lone combining diacritic folds away
    if (is_cjk(cp) || in(cp, 0xFF61, 0xFFDC)) {
        // Half-width kana and Hangul map to full width (NFKC); never decompose CJK (が != か).
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        icu::UnicodeString d;
        if (U_SUCCESS(status) && nfkc->getDecomposition(static_cast<UChar32>(cp), d)) {
            icu::UnicodeString composed = nfkc->normalize(d, status);
            if (U_SUCCESS(status) && composed.countChar32() == 1) return static_cast<char32_t>(composed.char32At(0));
        }
        return cp;
    }
    char32_t base = cp;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    icu::UnicodeString d;
    if (U_SUCCESS(status) && nfkd->getDecomposition(static_cast<UChar32>(cp), d) && d.length() > 0) {
        const auto first = static_cast<char32_t>(d.char32At(0));
        bool rest_are_marks = true;
        for (int32_t k = d.moveIndex32(0, 1); k < d.length(); k = d.moveIndex32(k, 1))
            if (u_charType(d.char32At(k)) != U_NON_SPACING_MARK) rest_are_marks = false;
        if (d.countChar32() == 1 || (rest_are_marks && strips_diacritics(first))) base = first;
    }
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(base), U_FOLD_CASE_DEFAULT));
}

const std::array<char32_t, 0x10000>& bmp_fold_table() {
    static const std::unique_ptr<std::array<char32_t, 0x10000>> table = [] {
        auto t = std::make_unique<std::array<char32_t, 0x10000>>();
        for (char32_t cp = 0; cp < 0x10000; ++cp) (*t)[cp] = in(cp, 0xD800, 0xDFFF) ? cp : compute_fold(cp);
        return t;
    }();
    return *table;
}

}  // namespace

char32_t next_codepoint(std::string_view s, std::size_t& i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1Fu; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0Fu; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07u; min = 0x10000; }
    if (len == 0 || i + len > s.size()) {
        ++i;
        return k_replacement;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return k_replacement;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || in(cp, 0xD800, 0xDFFF)) {
        ++i;
        return k_replacement;
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || in(cp, 0xD800, 0xDFFF)) cp = k_replacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        if (next_codepoint(s, i) == k_replacement) {
            // U+FFFD itself is valid when it was written as EF BF BD.
            if (i - at != 3) return false;
        }
    }
    return true;
}

bool repair_utf8(std::string& s) {
    if (is_valid_utf8(s)) return false;
    std::string out;
    out.reserve(s.size() + 16);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t cp = next_codepoint(s, i);
        if (cp == k_replacement && i - at != 3) append_utf8(out, k_replacement);
        else out.append(s, at, i - at);
    }
    s = std::move(out);
    return true;
}

bool is_cjk(char32_t cp) noexcept {
    if (cp < 0x1100) return false;
    return in(cp, 0x4E00, 0x9FFF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x3040, 0x30FF) ||  // Han, kana
           in(cp, 0xAC00, 0xD7AF) || in(cp, 0x1100, 0x11FF) || in(cp, 0x3130, 0x318F) ||  // Hangul
           in(cp, 0xF900, 0xFAFF) || in(cp, 0x20000, 0x3FFFF) ||                           // Han ext.
           in(cp, 0x3100, 0x312F) || in(cp, 0x31A0, 0x31BF) || in(cp, 0x31F0, 0x31FF) ||  // Bopomofo, kana ext.
           cp == 0x3005 || cp == 0x3007;                                                   // 々 〇
}

bool is_token_char(char32_t cp) noexcept {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    const auto type = u_charType(static_cast<UChar32>(cp));
    switch (type) {
        case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER: case U_MODIFIER_LETTER:
        case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER: case U_LETTER_NUMBER: case U_OTHER_NUMBER:
        case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
            return true;
        default:
            return false;
    }
}

bool is_private_use(char32_t cp) noexcept {
    return in(cp, 0xE000, 0xF8FF) || in(cp, 0xF0000, 0xFFFFD) || in(cp, 0x100000, 0x10FFFD);
}

char32_t fold(char32_t cp) noexcept {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp < 0x10000) return bmp_fold_table()[cp];
    return compute_fold(cp);
}

std::string nfkc_casefold(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* norm = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return std::string(s);
    icu::UnicodeString in_text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::UnicodeString out_text = norm->normalize(in_text, status);
    if (U_FAILURE(status)) return std::string(s);
    std::string out;
    out_text.toUTF8String(out);
    return out;
}

std::string strip_private_use(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const char32_t cp = next_codepoint(s, i);
        if (is_private_use(cp)) continue;
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || in(cp, 0x80, 0x9F)) continue;
        out.append(s.substr(at, i - at));
    }
    return out;
}

}  // namespace dossier::text
