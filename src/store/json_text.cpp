// Minimal JSON for the columns store writes itself. Strings are escaped per RFC 8259
// section 7; the reader accepts any valid JSON string, including \u surrogate pairs.
#include "json_text.hpp"

#include <cstdint>

#include "dossier/text/unicode.hpp"

namespace dossier::store::detail {

namespace {

void append_string(std::string& out, std::string_view s) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (u < 0x20) {
            out += "\\u00";
            out.push_back(k_hex[u >> 4]);
            out.push_back(k_hex[u & 0xF]);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

class Reader {
public:
    explicit Reader(std::string_view text) : m_s(text) {}

    void skip_space() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\t' || m_s[m_i] == '\r'))
            ++m_i;
    }
    bool eat(char c) {
        skip_space();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool at_end() {
        skip_space();
        return m_i == m_s.size();
    }

    std::optional<std::string> string() {
        if (!eat('"')) return std::nullopt;
        std::string out;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i++];
            if (c == '"') return out;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (m_i >= m_s.size() || !escape(out)) return std::nullopt;
        }
        return std::nullopt;
    }

private:
    bool escape(std::string& out) {
        const char e = m_s[m_i++];
        switch (e) {
            case '"': case '\\': case '/': out.push_back(e); return true;
            case 'b': out.push_back('\b'); return true;
            case 'f': out.push_back('\f'); return true;
            case 'n': out.push_back('\n'); return true;
            case 'r': out.push_back('\r'); return true;
            case 't': out.push_back('\t'); return true;
            case 'u': break;
            default: return false;
        }
        auto cp = hex4();
        if (!cp) return false;
        if (*cp >= 0xD800 && *cp <= 0xDBFF && m_s.substr(m_i, 2) == "\\u") {
            m_i += 2;
            const auto low = hex4();
            if (!low || *low < 0xDC00 || *low > 0xDFFF) return false;
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        }
        text::append_utf8(out, *cp);  // a lone surrogate becomes U+FFFD
        return true;
    }

    std::optional<char32_t> hex4() {
        if (m_i + 4 > m_s.size()) return std::nullopt;
        char32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char h = m_s[m_i + k];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= static_cast<char32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') v |= static_cast<char32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= static_cast<char32_t>(h - 'A' + 10);
            else return std::nullopt;
        }
        m_i += 4;
        return v;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

}  // namespace

std::string to_json_array(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k > 0) out.push_back(',');
        append_string(out, values[k]);
    }
    out.push_back(']');
    return out;
}

std::string to_json_object(const std::map<std::string, std::string>& values) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : values) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, key);
        out.push_back(':');
        append_string(out, value);
    }
    out.push_back('}');
    return out;
}

std::optional<std::vector<std::string>> parse_json_array(std::string_view text) {
    Reader r(text);
    if (!r.eat('[')) return std::nullopt;
    std::vector<std::string> out;
    if (!r.eat(']')) {
        do {
            auto s = r.string();
            if (!s) return std::nullopt;
            out.push_back(std::move(*s));
        } while (r.eat(','));
        if (!r.eat(']')) return std::nullopt;
    }
    if (!r.at_end()) return std::nullopt;
    return out;
}

std::optional<std::map<std::string, std::string>> parse_json_object(std::string_view text) {
    Reader r(text);
    if (!r.eat('{')) return std::nullopt;
    std::map<std::string, std::string> out;
    if (!r.eat('}')) {
        do {
            auto key = r.string();
            if (!key || !r.eat(':')) return std::nullopt;
            auto value = r.string();
            if (!value) return std::nullopt;
            out[std::move(*key)] = std::move(*value);
        } while (r.eat(','));
        if (!r.eat('}')) return std::nullopt;
    }
    if (!r.at_end()) return std::nullopt;
    return out;
}

}  // namespace dossier::store::detail
