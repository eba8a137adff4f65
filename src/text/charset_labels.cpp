// The label table follows the WHATWG Encoding standard, section 4.2 "Names and labels",
// for the encodings that occur on news pages, with two deliberate choices the standard also
// makes: gb2312/gbk decode as GB18030 (a superset, so no character is lost) and
// iso-8859-1/us-ascii as windows-1252 (pages labelled latin1 use 0x80-0x9F as cp1252).
// Labels outside the table go to ICU's own alias table.
#include "charset_labels.hpp"

#include <unicode/ucnv.h>

#include <array>
#include <memory>

#include "dossier/core/strings.hpp"

namespace dossier::text::detail {

namespace {

struct Row {
    std::string_view name;
    const char* icu;  // nullptr: built-in decoder
    bool ascii_compatible;
    std::string_view labels;  // space-separated, lower-case
};

// ICU converter names are the ones its alias table resolves in ICU 72 (Debian 12).
constexpr auto k_rows = std::to_array<Row>({
    {"UTF-8", nullptr, true, "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8"},
    {"windows-1252", nullptr, true,
     "windows-1252 x-user-defined ansi_x3.4-1968 ascii us-ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
     "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 x-cp1252"},
    {"GB18030", "gb18030", true,
     "gb18030 gbk gb2312 x-gbk chinese csgb2312 csiso58gb231280 gb_2312 gb_2312-80 iso-ir-58 cp936 "
     "windows-936 ms936 euc-cn x-euc-cn"},
    {"Big5", "windows-950", true, "big5 big5-hkscs cn-big5 csbig5 x-x-big5 cp950 windows-950 ms950"},
    {"Shift_JIS", "windows-31j", true, "shift_jis shift-jis sjis csshiftjis ms932 ms_kanji windows-31j x-sjis cp932"},
    {"EUC-JP", "EUC-JP", true, "euc-jp cseucpkdfmtjapanese x-euc-jp"},
    {"ISO-2022-JP", "ISO-2022-JP", false, "iso-2022-jp csiso2022jp"},
    {"EUC-KR", "windows-949", true,
     "euc-kr cseuckr csksc56011987 iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 "
     "windows-949 cp949"},
    {"UTF-16LE", "UTF-16LE", false, "utf-16le utf-16 unicode ucs-2 csunicode iso-10646-ucs-2 unicodefeff"},
    {"UTF-16BE", "UTF-16BE", false, "utf-16be unicodefffe"},
    {"windows-1250", "windows-1250", true, "windows-1250 cp1250 x-cp1250"},
    {"windows-1251", "windows-1251", true, "windows-1251 cp1251 x-cp1251"},
    {"windows-1253", "windows-1253", true, "windows-1253 cp1253 x-cp1253"},
    {"windows-1254", "windows-1254", true,
     "windows-1254 cp1254 x-cp1254 iso-8859-9 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 latin5 l5 "
     "csisolatin5 iso-ir-148"},
    {"windows-1255", "windows-1255", true, "windows-1255 cp1255 x-cp1255"},
    {"windows-1256", "windows-1256", true, "windows-1256 cp1256 x-cp1256"},
    {"windows-1257", "windows-1257", true, "windows-1257 cp1257 x-cp1257"},
    {"windows-1258", "windows-1258", true, "windows-1258 cp1258 x-cp1258"},
    {"windows-874", "windows-874", true, "windows-874 dos-874 iso-8859-11 iso8859-11 iso885911 tis-620"},
    {"ISO-8859-2", "ISO-8859-2", true,
     "iso-8859-2 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 iso-ir-101 csisolatin2 l2 latin2"},
    {"ISO-8859-5", "ISO-8859-5", true,
     "iso-8859-5 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988 iso-ir-144 csisolatincyrillic cyrillic"},
    {"ISO-8859-6", "ISO-8859-6", true, "iso-8859-6 iso8859-6 iso88596 iso_8859-6 arabic csisolatinarabic"},
    {"ISO-8859-7", "ISO-8859-7", true,
     "iso-8859-7 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 iso-ir-126 csisolatingreek greek greek8 "
     "ecma-118 elot_928 sun_eu_greek"},
    {"ISO-8859-8", "ISO-8859-8", true, "iso-8859-8 iso8859-8 iso88598 iso_8859-8 hebrew csisolatinhebrew visual"},
    {"ISO-8859-15", "ISO-8859-15", true, "iso-8859-15 iso8859-15 iso885915 iso_8859-15 csisolatin9 l9 latin9"},
    {"KOI8-R", "KOI8-R", true, "koi8-r koi8_r koi koi8 cskoi8r"},
    {"KOI8-U", "KOI8-U", true, "koi8-u koi8-ru"},
    {"IBM866", "ibm-866", true, "ibm866 866 cp866 csibm866"},
});

bool label_listed(std::string_view labels, std::string_view label) {
    for (std::string_view l : core::split(labels, ' '))
        if (l == label) return true;
    return false;
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// ASCII-compatible means the bytes of markup ("<meta charset=") decode to themselves.
bool decodes_ascii_as_ascii(UConverter* cnv) {
    static constexpr char k_probe[] = "<a b='c'>=;";
    std::array<UChar, 32> out{};
    UErrorCode err = U_ZERO_ERROR;
    const int32_t n = ucnv_toUChars(cnv, out.data(), static_cast<int32_t>(out.size()), k_probe,
                                    static_cast<int32_t>(sizeof k_probe - 1), &err);
    if (U_FAILURE(err) || n != static_cast<int32_t>(sizeof k_probe - 1)) return false;
    for (int32_t i = 0; i < n; ++i)
        if (out[static_cast<std::size_t>(i)] != static_cast<UChar>(k_probe[i])) return false;
    return true;
}

std::optional<Encoding> from_icu(const std::string& label) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(label.c_str(), &err));
    if (U_FAILURE(err) || !cnv) return std::nullopt;
    UErrorCode name_err = U_ZERO_ERROR;
    const char* internal = ucnv_getName(cnv.get(), &name_err);
    if (U_FAILURE(name_err) || internal == nullptr) return std::nullopt;
    UErrorCode std_err = U_ZERO_ERROR;
    const char* iana = ucnv_getStandardName(internal, "IANA", &std_err);
    Encoding e;
    e.name = (U_SUCCESS(std_err) && iana != nullptr) ? iana : internal;
    e.icu = internal;
    e.decoder = Decoder::icu;
    e.ascii_compatible = decodes_ascii_as_ascii(cnv.get());
    return e;
}

std::optional<Encoding> from_table(std::string_view key) {
    for (const Row& row : k_rows) {
        if (!label_listed(row.labels, key)) continue;
        Encoding e;
        e.name = std::string(row.name);
        e.ascii_compatible = row.ascii_compatible;
        if (row.icu == nullptr)
            e.decoder = row.name == "UTF-8" ? Decoder::utf8 : Decoder::windows1252;
        else
            e.icu = row.icu;
        return e;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Encoding> find_encoding(std::string_view label) {
    const std::string key = core::to_lower_ascii(core::trim(label));
    // A NUL would end the C string ICU is given: "utf-8\0junk" must not pass as "utf-8".
    if (key.empty() || key.size() > 64 || key.find('\0') != std::string::npos) return std::nullopt;
    if (auto e = from_table(key)) return e;
    auto e = from_icu(key);
    // ICU matches labels loosely (it ignores '-', '_' and other non-alphanumerics: "gb_k" and
    // "gbk\x15" open its GBK converter). When the charset it found is one of the table, the
    // table's choice applies, as for the plain label: gbk decodes as GB18030, and the
    // canonical name is the same whichever label named the charset.
    if (e) {
        if (auto row = from_table(core::to_lower_ascii(e->name))) return row;
    }
    return e;
}

}  // namespace dossier::text::detail
