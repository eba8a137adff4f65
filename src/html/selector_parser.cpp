// Recursive descent over the grammar of CSS Selectors Level 4 section 17 (selector list,
// complex, compound, attribute and :not()), restricted to what selector.hpp lists. Identifiers
// and strings follow CSS Syntax Level 3 sections 4.3.7 (escapes) and 4.3.5 (strings).
#include <optional>
#include <string>

#include "dossier/core/strings.hpp"
#include "selector_ast.hpp"

namespace dossier::html::detail {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

/// UTF-8 for a code point from a CSS escape (html may not use the text module).
void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    const auto byte = [&](char32_t v) { out.push_back(static_cast<char>(v)); };
    if (cp < 0x80) {
        byte(cp);
    } else if (cp < 0x800) {
        byte(0xC0 | (cp >> 6));
        byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        byte(0xE0 | (cp >> 12));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    } else {
        byte(0xF0 | (cp >> 18));
        byte(0x80 | ((cp >> 12) & 0x3F));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    }
}

class Parser {
public:
    explicit Parser(std::string_view s) : m_s(s) {}

    core::Result<std::vector<Complex>> run() {
        std::vector<Complex> groups;
        if (m_s.size() > k_max_selector_length) {
            fail("longer than " + std::to_string(k_max_selector_length) + " bytes");
            return error_result();
        }
        for (;;) {
            skip_ws();
            Complex cx;
            if (!complex(cx)) return error_result();
            groups.push_back(std::move(cx));
            skip_ws();
            if (at_end()) return groups;
            if (peek() != ',') {
                fail(std::string("unexpected '") + peek() + "'");
                return error_result();
            }
            ++m_pos;
        }
    }

private:
    bool at_end() const { return m_pos >= m_s.size(); }
    char peek() const { return at_end() ? '\0' : m_s[m_pos]; }
    bool skip_ws() {
        const std::size_t start = m_pos;
        while (!at_end() && is_ws(m_s[m_pos])) ++m_pos;
        return m_pos > start;
    }
    bool fail(std::string reason) {
        if (m_reason.empty()) {
            m_reason = std::move(reason);
            m_column = m_pos + 1;
        }
        return false;
    }
    core::Unexpected error_result() const {
        return core::fail("html: bad selector \"" + std::string(m_s) + "\": " + m_reason + " at column " +
                          std::to_string(m_column));
    }

    /// An escape after '\': up to 6 hex digits and one optional whitespace, or one character.
    void escape(std::string& out) {
        if (at_end()) {
            out.push_back('\\');
            return;
        }
        if (!is_hex(peek())) {
            out.push_back(m_s[m_pos++]);
            return;
        }
        char32_t cp = 0;
        for (int n = 0; n < 6 && !at_end() && is_hex(peek()); ++n) {
            const char c = m_s[m_pos++];
            const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            cp = cp * 16 + static_cast<char32_t>(digit);
        }
        if (!at_end() && is_ws(peek())) ++m_pos;
        append_utf8(out, cp == 0 ? char32_t{0xFFFD} : cp);
    }

    std::optional<std::string> ident() {
        std::string out;
        while (!at_end()) {
            if (peek() == '\\') {
                ++m_pos;
                escape(out);
            } else if (is_name_char(peek())) {
                out.push_back(m_s[m_pos++]);
            } else {
                break;
            }
        }
        if (out.empty()) return std::nullopt;
        return out;
    }

    bool complex(Complex& cx) {
        Compound first;
        if (!compound(first)) return false;
        cx.parts.push_back(std::move(first));
        for (;;) {
            const bool had_ws = skip_ws();
            const char c = peek();
            if (at_end() || c == ',' || c == ')') return true;
            Combinator comb = Combinator::descendant;
            if (c == '>' || c == '+' || c == '~') {
                comb = c == '>'   ? Combinator::child
                       : c == '+' ? Combinator::next_sibling
                                  : Combinator::subsequent_sibling;
                ++m_pos;
                skip_ws();
            } else if (!had_ws) {
                return fail(std::string("unexpected '") + c + "'");
            }
            if (cx.parts.size() >= k_max_compounds)
                return fail("more than " + std::to_string(k_max_compounds) + " compound selectors");
            Compound next;
            if (!compound(next)) return false;
            cx.combinators.push_back(comb);
            cx.parts.push_back(std::move(next));
        }
    }

    bool compound(Compound& c) {
        const std::size_t start = m_pos;
        if (peek() == '*') {
            ++m_pos;
        } else if (auto name = ident()) {
            c.tag = core::to_lower_ascii(*name);
        }
        for (;;) {
            const char ch = peek();
            if (ch == '#' || ch == '.') {
                ++m_pos;
                auto name = ident();
                if (!name) return fail(ch == '#' ? "expected an id" : "expected a class name");
                (ch == '#' ? c.ids : c.classes).push_back(std::move(*name));
            } else if (ch == '[') {
                if (!attribute(c)) return false;
            } else if (ch == ':') {
                if (!pseudo_class(c)) return false;
            } else {
                break;
            }
        }
        if (m_pos == start) return fail(at_end() ? "expected a selector" : std::string("unexpected '") + peek() + "'");
        return true;
    }

    std::optional<AttrOp> attr_operator() {
        const char c = peek();
        if (c == '=') {
            ++m_pos;
            return AttrOp::equals;
        }
        if ((c == '~' || c == '^' || c == '$' || c == '*') && m_pos + 1 < m_s.size() && m_s[m_pos + 1] == '=') {
            m_pos += 2;
            return c == '~'   ? AttrOp::includes
                   : c == '^' ? AttrOp::prefix
                   : c == '$' ? AttrOp::suffix
                              : AttrOp::substring;
        }
        return std::nullopt;
    }

    std::optional<std::string> string_value() {
        const char quote = m_s[m_pos++];
        std::string out;
        while (!at_end() && peek() != quote) {
            if (peek() == '\\') {
                ++m_pos;
                escape(out);
            } else {
                out.push_back(m_s[m_pos++]);
            }
        }
        if (at_end()) {
            fail("unterminated string");
            return std::nullopt;
        }
        ++m_pos;
        return out;
    }

    bool attribute(Compound& c) {
        ++m_pos;  // '['
        skip_ws();
        auto name = ident();
        if (!name) return fail("expected an attribute name");
        AttrTest t;
        t.name = core::to_lower_ascii(*name);
        skip_ws();
        if (peek() != ']') {
            auto op = attr_operator();
            if (!op) return fail("expected an attribute operator (=, ~=, ^=, $=, *=) or ']'");
            t.op = *op;
            skip_ws();
            std::optional<std::string> value;
            if (peek() == '"' || peek() == '\'') {
                value = string_value();
                if (!value) return false;
            } else {
                value = ident();
                if (!value) return fail("expected an attribute value");
            }
            t.value = std::move(*value);
            skip_ws();
            if (peek() != ']') return fail("expected ']'");
        }
        ++m_pos;
        c.attrs.push_back(std::move(t));
        return true;
    }

    bool pseudo_class(Compound& c) {
        ++m_pos;  // ':'
        const std::size_t name_at = m_pos;
        auto name = ident();
        if (!name || !core::iequals(*name, "not") || peek() != '(') {
            m_pos = name_at;
            return fail("unsupported pseudo-class ':" + name.value_or("") + "'");
        }
        if (m_in_not) return fail(":not() inside :not()");
        ++m_pos;
        m_in_not = true;
        for (;;) {
            skip_ws();
            Compound negated;
            if (!compound(negated)) return false;
            c.negations.push_back(std::move(negated));
            skip_ws();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() != ')') return fail("expected ')'");
            ++m_pos;
            m_in_not = false;
            return true;
        }
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    std::string m_reason;
    std::size_t m_column = 0;
    bool m_in_not = false;
};

}  // namespace

core::Result<std::vector<Complex>> parse_selector_list(std::string_view text) { return Parser(text).run(); }

}  // namespace dossier::html::detail
