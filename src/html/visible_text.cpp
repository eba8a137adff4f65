// Node::visible_text: the text a reader sees, laid out as lines or paragraphs. The walk is
// iterative (enter on the way down, leave on the way up) so deep trees cost no stack.
#include <array>
#include <string>

#include "dossier/html/document.hpp"

namespace dossier::html {

namespace {

// Elements whose content a reader never sees as text (or sees only when a feature is off).
constexpr auto k_invisible =
    std::to_array<std::string_view>({"script", "style", "noscript", "template", "svg", "math", "head", "iframe",
                                     "object", "embed", "canvas", "audio", "video", "select", "textarea"});

// Elements that start and end a line (CSS display:block and friends in the UA stylesheet).
constexpr auto k_block = std::to_array<std::string_view>(
    {"address", "article", "aside",   "blockquote", "body", "caption",  "center",     "dd",     "details",
     "dialog",  "dir",     "div",     "dl",         "dt",   "fieldset", "figcaption", "figure", "footer",
     "form",    "h1",      "h2",      "h3",         "h4",   "h5",       "h6",         "header", "hgroup",
     "hr",      "html",    "legend",  "li",         "main", "menu",     "nav",        "ol",     "p",
     "pre",     "section", "summary", "table",      "tr",   "ul",       "tbody",      "thead"});

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
    for (std::string_view s : list)
        if (s == name) return true;
    return false;
}

/// Length of a collapsible whitespace character at s[i]: ASCII whitespace, U+00A0 and U+3000
/// (the ideographic space Chinese pages indent paragraphs with); 0 for anything else.
std::size_t space_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
    if (c == '\xE3' && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
    return 0;
}

class TextBuilder {
public:
    explicit TextBuilder(bool paragraphs) : m_paragraphs(paragraphs) {}

    void block_boundary() { request(m_paragraphs ? 2 : 1); }
    void line_break() {
        ++m_br_run;
        request(m_paragraphs && m_br_run >= 2 ? 2 : 1);
    }
    void soft_space() { m_space = true; }
    void enter_pre() { ++m_pre; }
    void leave_pre() { --m_pre; }

    void text(std::string_view s) {
        if (m_pre > 0) return preformatted(s);
        std::size_t i = 0;
        while (i < s.size()) {
            if (const std::size_t w = space_at(s, i)) {
                m_space = true;
                i += w;
                continue;
            }
            flush();
            m_out.push_back(s[i++]);
        }
    }

    std::string finish() {
        while (!m_out.empty() && (m_out.back() == '\n' || m_out.back() == ' ')) m_out.pop_back();
        return std::move(m_out);
    }

private:
    void request(int level) {
        if (level > m_break) m_break = level;
    }

    /// Writes the pending break or space before the next visible character.
    void flush() {
        if (m_break > 0) {
            // Newlines already written (by <pre>) count toward the break.
            std::size_t have = 0;
            while (have < m_out.size() && m_out[m_out.size() - 1 - have] == '\n') ++have;
            const auto want = static_cast<std::size_t>(m_break);
            if (!m_out.empty() && have < want) m_out.append(want - have, '\n');
        } else if (m_space && !m_out.empty() && m_out.back() != '\n') {
            m_out.push_back(' ');
        }
        m_break = 0;
        m_space = false;
        m_br_run = 0;
    }

    void preformatted(std::string_view s) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\r') continue;
            if (s[i] == '\n') {
                if (m_break == 0 && !m_out.empty()) m_out.push_back('\n');
                continue;
            }
            flush();
            m_out.push_back(s[i]);
        }
    }

    std::string m_out;
    bool m_paragraphs;
    int m_break = 0;  // pending break: 0 none, 1 newline, 2 blank line
    bool m_space = false;
    int m_br_run = 0;
    int m_pre = 0;
};

bool is_invisible(Node n, const TextOptions& options) {
    if (!n.is_element()) return n.is_comment();
    if (options.reveal_hidden) {
        if (n.tag() != "noscript" && listed(k_invisible, n.tag())) return true;
    } else if (listed(k_invisible, n.tag()) || is_hidden(n)) {
        return true;
    }
    return options.skip && options.skip(n);
}

void enter(TextBuilder& b, Node n) {
    if (n.is_text()) return b.text(n.text());
    const std::string_view tag = n.tag();
    if (tag == "br") return b.line_break();
    if (tag == "td" || tag == "th") return b.soft_space();
    if (listed(k_block, tag)) b.block_boundary();
    if (tag == "pre" || tag == "listing" || tag == "plaintext") b.enter_pre();
}

void leave(TextBuilder& b, Node n) {
    if (!n.is_element()) return;
    const std::string_view tag = n.tag();
    if (tag == "td" || tag == "th") return b.soft_space();
    if (listed(k_block, tag)) b.block_boundary();
    if (tag == "pre" || tag == "listing" || tag == "plaintext") b.leave_pre();
}

}  // namespace

std::string Node::visible_text() const { return visible_text(TextOptions{}); }

std::string Node::visible_text(const TextOptions& options) const {
    TextBuilder b(options.paragraphs);
    const Node scope = *this;
    if (!scope || is_invisible(scope, options)) return {};
    Node n = scope;
    enter(b, n);
    for (;;) {
        // Down into the first visible child, else up until a next sibling is found.
        Node next = n.child(0);
        while (next && is_invisible(next, options)) next = next.next_sibling();
        if (next) {
            n = next;
            enter(b, n);
            continue;
        }
        for (;;) {
            leave(b, n);
            if (n == scope) return b.finish();
            Node sib = n.next_sibling();
            while (sib && is_invisible(sib, options)) sib = sib.next_sibling();
            if (sib) {
                n = sib;
                enter(b, n);
                break;
            }
            n = n.parent();
        }
    }
}

}  // namespace dossier::html
