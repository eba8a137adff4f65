// decode_to_utf8: the charset decision order of the WHATWG HTML "encoding sniffing algorithm"
// (section 13.2.3.2: BOM, transport layer, prescan), then two steps the standard leaves to
// the user agent: a UTF-8 validity check, because Chinese sites often declare gb2312 for pages
// that are really UTF-8, and ICU's statistical detector for pages that declare nothing.
#include "dossier/text/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include "charset_labels.hpp"
#include "dossier/text/unicode.hpp"

namespace dossier::text {

namespace {

using detail::Decoder;
using detail::Encoding;

/// ICU's detector is given at most this much: enough text for its n-gram statistics,
/// bounded time on large pages.
constexpr std::size_t k_detect_window = 64 * 1024;
/// Below this detector confidence (0-100) the guess is no better than the default.
constexpr int32_t k_min_detect_confidence = 20;

/// Bytes declared UTF-8 are re-detected when at least this many sequences are invalid...
constexpr std::size_t k_min_invalid_utf8 = 8;
/// ...and the invalid bytes are at least this share of the non-ASCII bytes: a UTF-8 page with a
/// few stray Latin-1 bytes stays UTF-8, a GBK page labelled UTF-8 is invalid almost throughout.
constexpr double k_invalid_utf8_share = 0.2;

// windows-1252 bytes 0x80-0x9F (WHATWG index-windows-1252); the rest equal Latin-1.
constexpr std::array<char16_t, 32> k_cp1252_high{0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string decode_windows1252(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4);
    for (char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80)
            out.push_back(ch);
        else if (b < 0xA0)
            append_utf8(out, k_cp1252_high[b - 0x80u]);
        else
            append_utf8(out, b);
    }
    return out;
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// To-Unicode callback: every unassigned, illegal or truncated sequence becomes one U+FFFD.
// (ICU's stock substitute callback may write U+001A for single-byte charsets instead.)
void substitute_fffd(const void*, UConverterToUnicodeArgs* args, const char*, int32_t, UConverterCallbackReason reason,
                     UErrorCode* err) {
    if (reason > UCNV_IRREGULAR) return;  // reset / close / clone: nothing to write
    *err = U_ZERO_ERROR;
    static const UChar k_fffd = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &k_fffd, 1, 0, err);
}

/// Appends UTF-16 code units as UTF-8. A high surrogate at the end of a chunk waits in
/// `pending` for its partner; unpaired surrogates become U+FFFD.
void append_utf16(std::string& out, const UChar* p, const UChar* end, char32_t& pending) {
    for (; p < end; ++p) {
        const char32_t u = *p;
        if (pending != 0) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((pending - 0xD800) << 10) + (u - 0xDC00));
                pending = 0;
                continue;
            }
            append_utf8(out, 0xFFFD);
            pending = 0;
        }
        if (u >= 0xD800 && u <= 0xDBFF)
            pending = u;
        else
            append_utf8(out, u);  // a lone low surrogate becomes U+FFFD there
    }
}

std::optional<std::string> decode_icu(std::string_view bytes, const std::string& icu_name) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(icu_name.c_str(), &err));
    if (U_FAILURE(err) || !cnv) return std::nullopt;
    err = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv.get(), substitute_fffd, nullptr, nullptr, nullptr, &err);
    if (U_FAILURE(err)) return std::nullopt;
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    std::array<UChar, 8192> buf{};
    const char* src = bytes.data();
    const char* const src_end = bytes.data() + bytes.size();
    char32_t pending = 0;
    for (;;) {
        UChar* target = buf.data();
        err = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, buf.data() + buf.size(), &src, src_end, nullptr, true, &err);
        append_utf16(out, buf.data(), target, pending);
        if (err == U_BUFFER_OVERFLOW_ERROR) continue;
        break;  // done; any other failure was already substituted by the callback
    }
    if (pending != 0) append_utf8(out, 0xFFFD);
    return out;
}

/// Index of the first byte at or after `i` that is not ASCII (s.size() when none); eight bytes
/// at a time, since most of a page is markup.
std::size_t skip_ascii(std::string_view s, std::size_t i) {
    constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;
    while (i + 8 <= s.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, s.data() + i, sizeof word);
        if ((word & k_high_bits) != 0) break;
        i += 8;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

/// Length of the well-formed UTF-8 sequence at s[i] (Unicode 15, table 3-7), 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    const unsigned b = at(i);
    const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return at(k) >= lo && at(k) <= hi;
    };
    if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

struct Utf8Scan {
    std::size_t non_ascii = 0;  // bytes of non-ASCII sequences, each invalid byte counted once
    std::size_t invalid = 0;    // invalid bytes (0: the whole input is well-formed UTF-8)
};

/// One pass over `s` counting its non-ASCII and invalid UTF-8 bytes.
Utf8Scan scan_utf8(std::string_view s) {
    Utf8Scan r;
    for (std::size_t i = skip_ascii(s, 0); i < s.size(); i = skip_ascii(s, i)) {
        const std::size_t n = utf8_sequence(s, i);
        r.non_ascii += n == 0 ? 1 : n;
        r.invalid += n == 0 ? 1 : 0;
        i += n == 0 ? 1 : n;
    }
    return r;
}

/// Well-formed UTF-8 passes through; otherwise ICU's UTF-8 decoder replaces each maximal
/// invalid subpart with one U+FFFD (Unicode 15, section 3.9, "U+FFFD substitution").
std::string decode_utf8(std::string_view bytes) {
    if (scan_utf8(bytes).invalid == 0) return std::string(bytes);
    return decode_icu(bytes, "UTF-8").value_or(std::string());
}

std::string decode_with(std::string_view bytes, const Encoding& e) {
    switch (e.decoder) {
        case Decoder::utf8:
            return decode_utf8(bytes);
        case Decoder::windows1252:
            return decode_windows1252(bytes);
        case Decoder::icu:
            break;
    }
    if (auto s = decode_icu(bytes, e.icu)) return std::move(*s);
    return decode_windows1252(bytes);  // find_encoding opened this converter, so not reached
}

bool has_non_ascii(std::string_view s) { return skip_ascii(s, 0) < s.size(); }

struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

/// ICU's best guess for undeclared non-UTF-8 bytes, with markup filtered out of its statistics.
std::optional<Encoding> detect(std::string_view bytes) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&err));
    if (U_FAILURE(err) || !det) return std::nullopt;
    ucsdet_enableInputFilter(det.get(), true);
    const std::string_view head = bytes.substr(0, k_detect_window);
    ucsdet_setText(det.get(), head.data(), static_cast<int32_t>(head.size()), &err);
    const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
    if (U_FAILURE(err) || match == nullptr) return std::nullopt;
    const int32_t confidence = ucsdet_getConfidence(match, &err);
    const char* name = ucsdet_getName(match, &err);
    if (U_FAILURE(err) || name == nullptr || confidence < k_min_detect_confidence) return std::nullopt;
    return detail::find_encoding(name);
}

Decoded finish(std::string utf8, std::string charset, const char* method) {
    return Decoded{std::move(utf8), std::move(charset), method};
}

/// BOM sniffing (WHATWG Encoding, "decode" step 1): the BOM wins over every declaration.
std::optional<Decoded> decode_bom(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return finish(decode_utf8(bytes.substr(3)), "UTF-8", "bom");
    if (bytes.substr(0, 2) == "\xFE\xFF")
        return finish(decode_icu(bytes.substr(2), "UTF-16BE").value_or(""), "UTF-16BE", "bom");
    if (bytes.substr(0, 2) == "\xFF\xFE")
        return finish(decode_icu(bytes.substr(2), "UTF-16LE").value_or(""), "UTF-16LE", "bom");
    return std::nullopt;
}

/// True when bytes said to be UTF-8 are mostly not: many invalid sequences, making up a large
/// share of the non-ASCII bytes (a legacy charset under a wrong label).
bool mislabeled_utf8(const Utf8Scan& scan) {
    return scan.invalid >= k_min_invalid_utf8 &&
           static_cast<double>(scan.invalid) >= k_invalid_utf8_share * static_cast<double>(scan.non_ascii);
}

/// Steps 2-4 for one declaration: decoded as declared unless valid non-ASCII UTF-8 says otherwise,
/// or unless a UTF-8 label sits on bytes that are mostly invalid UTF-8 and the detector names
/// another charset (CMS templates declare UTF-8 over GBK articles).
Decoded decode_declared(std::string_view bytes, const Encoding& e, const char* method) {
    if (e.decoder == Decoder::utf8) {
        // One scan decides both questions: mislabeled, and (when not) whether to copy as is.
        const Utf8Scan scan = scan_utf8(bytes);
        if (mislabeled_utf8(scan))
            if (auto d = detect(bytes); d && d->decoder != Decoder::utf8)
                return finish(decode_with(bytes, *d), d->name, "detected");
        if (scan.invalid == 0) return finish(std::string(bytes), e.name, method);
        return finish(decode_icu(bytes, "UTF-8").value_or(std::string()), e.name, method);
    }
    if (e.ascii_compatible && has_non_ascii(bytes) && scan_utf8(bytes).invalid == 0)
        return finish(std::string(bytes), "UTF-8", "validated");
    return finish(decode_with(bytes, e), e.name, method);
}

}  // namespace

core::Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view content_type, std::size_t max_bytes) {
    if (bytes.size() > max_bytes) return core::fail("text: input over " + std::to_string(max_bytes) + " bytes");
    if (auto d = decode_bom(bytes)) return std::move(*d);
    if (auto label = charset_from_content_type(content_type))
        if (auto e = detail::find_encoding(*label)) return decode_declared(bytes, *e, "http");
    if (auto label = prescan_charset(bytes))
        if (auto e = detail::find_encoding(*label)) return decode_declared(bytes, *e, "meta");
    if (!has_non_ascii(bytes)) return finish(std::string(bytes), "windows-1252", "default");
    if (scan_utf8(bytes).invalid == 0) return finish(std::string(bytes), "UTF-8", "validated");
    if (auto e = detect(bytes); e && e->decoder != Decoder::utf8)
        return finish(decode_with(bytes, *e), e->name, "detected");
    return finish(decode_windows1252(bytes), "windows-1252", "default");
}

std::optional<std::string> canonical_charset(std::string_view label) {
    if (auto e = detail::find_encoding(label)) return e->name;
    return std::nullopt;
}

std::optional<std::string> decode_as(std::string_view bytes, std::string_view label) {
    auto e = detail::find_encoding(label);
    if (!e) return std::nullopt;
    if (e->name == "UTF-8" && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (e->name == "UTF-16LE" && bytes.substr(0, 2) == "\xFF\xFE") bytes.remove_prefix(2);
    if (e->name == "UTF-16BE" && bytes.substr(0, 2) == "\xFE\xFF") bytes.remove_prefix(2);
    return decode_with(bytes, *e);
}

}  // namespace dossier::text
