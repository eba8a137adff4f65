// Encoding choice and byte-level repair ahead of libxml2. libxml2 in recovery mode silently
// drops "AT&T" to "ATT", "&nbsp;" to "" and stops at a stray control byte or a GBK character
// in a "gb2312" document; feeds carry all of these, so they are fixed here, with a warning.
#include "xml_input.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#include <algorithm>
#include <array>

#include "dossier/core/strings.hpp"

namespace dossier::feed::detail {

namespace {

/// WHATWG Encoding standard section 4.2 labels whose real-world content is a superset charset.
struct Superset {
    std::string_view label;
    std::string_view use;
};
constexpr std::array<Superset, 22> k_supersets{{
    {"gb2312", "GB18030"},       {"gbk", "GB18030"},          {"x-gbk", "GB18030"},
    {"gb_2312-80", "GB18030"},   {"cp936", "GB18030"},        {"euc-cn", "GB18030"},
    {"csgb2312", "GB18030"},     {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"},
    {"iso_8859-1", "windows-1252"}, {"latin1", "windows-1252"}, {"l1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"},  {"cp1252", "windows-1252"},
    {"windows-1252", "windows-1252"}, {"big5", "BIG5-HKSCS"}, {"shift_jis", "CP932"},
    {"sjis", "CP932"},            {"windows-31j", "CP932"},    {"euc-kr", "CP949"},
    {"ks_c_5601-1987", "CP949"},
}};

bool is_utf8_label(std::string_view label) {
    return core::iequals(label, "utf-8") || core::iequals(label, "utf8");
}

bool is_utf16_label(std::string_view label) { return core::istarts_with(label, "utf-16"); }

/// XML 1.0 section 4.3.3: EncName ::= [A-Za-z] ([A-Za-z0-9._] | '-')*.
bool is_encoding_name(std::string_view label) {
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (label.empty() || !alpha(label[0])) return false;
    for (char c : label)
        if (!alpha(c) && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-') return false;
    return true;
}

/// True when libxml2 (natively or through iconv) can decode `label`. A label that is no
/// encoding name is not looked up: libxml2 takes a C string, so "UTF-8\0<junk>" would pass as
/// UTF-8 while the document skipped the UTF-8 repair of choose_encoding.
bool encoding_supported(const std::string& label) {
    if (!is_encoding_name(label)) return false;
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(label.c_str());
    if (handler == nullptr) return false;
    xmlCharEncCloseFunc(handler);
    return true;
}

struct Utf8Scan {
    std::size_t invalid = 0;    // bytes not part of a well-formed sequence (RFC 3629 section 4)
    std::size_t multibyte = 0;  // well-formed sequences of 2-4 bytes
};

/// Length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    const auto cont = [&](std::size_t k) { return (b(k) & 0xC0u) == 0x80u; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;  // no overlongs, no surrogates
        return (b(1) >= lo && b(1) <= hi && cont(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return (b(1) >= lo && b(1) <= hi && cont(2) && cont(3)) ? 4 : 0;
    }
    return 0;
}

Utf8Scan scan_utf8(std::string_view s) {
    Utf8Scan scan;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_sequence(s, i);
        if (n == 0) {
            ++scan.invalid;
            ++i;
        } else {
            scan.multibyte += n > 1 ? 1 : 0;
            i += n;
        }
    }
    return scan;
}

std::string replace_invalid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8_sequence(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

/// Chooses the encoding libxml2 must use for an ASCII-compatible document.
std::string choose_encoding(std::string_view body, const Prolog& p, std::vector<std::string>& warnings,
                            bool& sanitize) {
    const std::string& label = p.declared_encoding;
    if (p.bom == Bom::utf8 || label.empty() || is_utf8_label(label) || is_utf16_label(label)) {
        // A UTF-16 label on bytes without a UTF-16 BOM or pattern is a lie: the bytes are 8-bit.
        const Utf8Scan scan = scan_utf8(body);
        if (scan.invalid > 0 && scan.multibyte == 0 && label.empty() && p.bom == Bom::none) {
            warnings.emplace_back("feed: no encoding declared and not UTF-8; read as windows-1252");
            return "windows-1252";
        }
        sanitize = scan.invalid > 0;
        if (sanitize)
            warnings.push_back("feed: " + std::to_string(scan.invalid) + " invalid UTF-8 bytes replaced by U+FFFD");
        return "UTF-8";
    }
    for (const auto& s : k_supersets)
        if (core::iequals(label, s.label)) return std::string(s.use);
    if (encoding_supported(label)) return label;
    warnings.push_back("feed: unsupported encoding \"" + label + "\"; read as UTF-8");
    sanitize = scan_utf8(body).invalid > 0;
    return "UTF-8";
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// Counts of repairs made by Repairer.
struct Repairs {
    std::size_t bare_ampersands = 0;
    std::size_t html_entities = 0;
    std::size_t control_bytes = 0;
};

/// One pass over the document that copies it while repairing references and control bytes.
/// Comments, processing instructions and CDATA sections are copied as they are (XML 1.0
/// sections 2.5, 2.6, 2.7: no references are recognised inside them).
class Repairer {
public:
    Repairer(std::string_view in, bool cp1252) : m_in(in), m_cp1252(cp1252) { m_out.reserve(in.size() + 64); }

    std::string run(Repairs& repairs) {
        while (m_i < m_in.size()) {
            const char c = m_in[m_i];
            if (c == '<') {
                copy_markup();
            } else if (c == '&') {
                reference();
            } else {
                copy_until(std::min(m_in.find_first_of("<&", m_i), m_in.size()));
            }
        }
        repairs = m_repairs;
        return std::move(m_out);
    }

private:
    /// Copies m_in[m_i, stop) in runs: only a byte that needs repair goes through byte(), so a
    /// multi-megabyte feed is not copied one push_back at a time.
    void copy_until(std::size_t stop) {
        while (m_i < stop) {
            std::size_t j = m_i;
            while (j < stop && !needs_repair(m_in[j])) ++j;
            m_out.append(m_in.substr(m_i, j - m_i));
            m_i = j;
            if (m_i < stop) byte(m_in[m_i++]);
        }
    }

    void copy_through(std::string_view end, std::size_t from) {
        const std::size_t at = m_in.find(end, from);
        copy_until(at == std::string_view::npos ? m_in.size() : at + end.size());
    }

    void copy_markup() {
        const std::string_view rest = m_in.substr(m_i);
        if (rest.rfind("<![CDATA[", 0) == 0) return copy_through("]]>", m_i + 9);
        if (rest.rfind("<!--", 0) == 0) return copy_through("-->", m_i + 4);
        if (rest.rfind("<?", 0) == 0) return copy_through("?>", m_i + 2);
        if (rest.rfind("<!DOCTYPE", 0) == 0) {
            // Entity declarations live in the internal subset: copy it and keep the names it may
            // declare (any &name; is then left to libxml2, which knows the declarations).
            const std::size_t end = doctype_end(m_in, m_i + 9);
            const std::size_t stop = end == std::string_view::npos ? m_in.size() : end;
            if (m_in.substr(m_i, stop - m_i).find('[') != std::string_view::npos) m_internal_subset = true;
            copy_until(stop);
            return;
        }
        byte(m_in[m_i++]);
    }

    /// XML 1.0 section 4.1: CharRef ::= '&#' [0-9]+ ';' | '&#x' [0-9a-fA-F]+ ';'; EntityRef ::= '&' Name ';'.
    void reference() {
        std::size_t j = m_i + 1;
        if (j < m_in.size() && m_in[j] == '#') {
            ++j;
            const bool hex = j < m_in.size() && (m_in[j] == 'x' || m_in[j] == 'X');
            if (hex) ++j;
            const std::size_t digits = j;
            while (j < m_in.size() && (hex ? is_hex_digit(m_in[j]) : is_ascii_digit(m_in[j]))) ++j;
            if (j > digits && j < m_in.size() && m_in[j] == ';') return keep(j + 1);
            return escape();
        }
        const std::size_t name_start = j;
        const auto name_char = [&](char c) {
            return is_ascii_alpha(c) || (j > name_start && (is_ascii_digit(c) || c == '.' || c == '-' || c == '_'));
        };
        while (j < m_in.size() && j - name_start < 32 && name_char(m_in[j])) ++j;
        if (j == name_start || j >= m_in.size() || m_in[j] != ';') return escape();
        const std::string name(m_in.substr(name_start, j - name_start));
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos" || m_internal_subset)
            return keep(j + 1);
        // HTML 4 names (&nbsp; &eacute; &rsquo;) become character references; unknown names stay literal text.
        const htmlEntityDesc* html = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
        if (html == nullptr) return escape();
        m_out += "&#" + std::to_string(html->value) + ";";
        ++m_repairs.html_entities;
        m_i = j + 1;
    }

    void keep(std::size_t end) {
        m_out.append(m_in.substr(m_i, end - m_i));
        m_i = end;
    }

    void escape() {
        m_out += "&amp;";
        ++m_repairs.bare_ampersands;
        ++m_i;
    }

    /// XML 1.0 section 2.2 excludes C0 controls other than tab, LF and CR; windows-1252 leaves
    /// 0x81 0x8D 0x8F 0x90 0x9D undefined and iconv stops at them.
    bool needs_repair(char c) const {
        const auto u = static_cast<unsigned char>(c);
        const bool control = u < 0x20 && c != '\t' && c != '\n' && c != '\r';
        return control || (m_cp1252 && (u == 0x81 || u == 0x8D || u == 0x8F || u == 0x90 || u == 0x9D));
    }

    void byte(char c) {
        if (needs_repair(c)) {
            ++m_repairs.control_bytes;
            m_out.push_back(' ');
        } else {
            m_out.push_back(c);
        }
    }

    std::string_view m_in;
    bool m_cp1252;
    std::size_t m_i = 0;
    bool m_internal_subset = false;
    std::string m_out;
    Repairs m_repairs;
};

void warn_repairs(const Repairs& r, std::vector<std::string>& warnings) {
    if (r.bare_ampersands > 0)
        warnings.push_back("feed: " + std::to_string(r.bare_ampersands) + " unescaped '&' read as text");
    if (r.html_entities > 0)
        warnings.push_back("feed: " + std::to_string(r.html_entities) + " HTML entities undefined in XML decoded");
    if (r.control_bytes > 0)
        warnings.push_back("feed: " + std::to_string(r.control_bytes) + " control bytes replaced by spaces");
}

}  // namespace

XmlInput prepare_xml(std::string_view bytes, const Prolog& prolog) {
    XmlInput input;
    if (prolog.bom == Bom::utf16le || prolog.bom == Bom::utf16be) {
        input.bytes.assign(bytes);  // libxml2 detects UTF-16 itself (XML 1.0 appendix F.1)
        return input;
    }
    const std::string_view body = bytes.substr(prolog.start);
    if (prolog.junk_bytes > 0)
        input.warnings.push_back("feed: " + std::to_string(prolog.junk_bytes) +
                                 " bytes before the XML declaration skipped");
    bool sanitize = false;
    input.encoding = choose_encoding(body, prolog, input.warnings, sanitize);
    Repairs repairs;
    Repairer repairer(body, input.encoding == "windows-1252");
    input.bytes = repairer.run(repairs);
    if (sanitize) input.bytes = replace_invalid_utf8(input.bytes);
    warn_repairs(repairs, input.warnings);
    return input;
}

}  // namespace dossier::feed::detail
