// The search tokenizer (docs/search.md, "Tokenizer").
//
// CJK runs, documents: every character is a unigram at its own position, followed by the
// bigram it starts, colocated (same position). Queries: a run of two or more characters is
// its bigrams at consecutive positions and then the run's last character as a unigram, so
// the phrase spans exactly the positions of its characters; one character is its unigram.
// Phrase matching is therefore exact substring matching within a run (no dictionary, no
// false negatives for 2-character words), and since FTS5's highlighter marks the offsets of
// the first token at each position (the unigram), a hit is marked character-exact.
//
// Other letters and digits: unicode61 rules, each character folded by text::fold. Some
// punctuation is part of what a reader means by a term, so a token can have several forms
// at one position:
// * "C++", "Notepad++", "C#": the token with its suffix;
// * ".NET", "ASP.NET", "malware.exe": a token that starts with a letter right after a '.'
//   also exists with the dot (".net", ".exe").
//   Documents get the whole form first (so a hit is marked with its punctuation) and the
//   bare one colocated; queries only the whole one, so a query for C++ does not match every
//   lone "C" and .NET does not match "the net".
// * Compounds: an IPv4 address "192.168.1.1" (not part of a longer dotted sequence) and a
//   CVE id "CVE-2025-59934" also exist as one token, colocated with their first part in
//   documents. A query is the whole token and then the other parts, so it spans the same
//   positions as in a document (a phrase around it still lines up) and cannot match
//   10.192.168.1.1 or "CVE 2025 59934", which have no such token. The first part comes
//   first in documents so that a query for "192" is marked as just "192". A prefix query
//   ("CVE-2025-5993*") is left in parts, so it still reaches the longer ids.
// * Glue: a form with a CJK character right before or after it (no space, no punctuation)
//   also exists glued to it: "中文English" indexes "文english" beside "english", and
//   "English混排" indexes "english混". A query glues the same way, so 中文English matches only
//   where the two scripts touch, not "中文 English" or "中文，English".
#include "dossier/store/search_tokenizer.hpp"

#include <string>

#include "dossier/text/unicode.hpp"
#include "token_shapes.hpp"
#include "tokenizer_core.hpp"

namespace dossier::store::detail {

namespace {

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

/// The UTF-8 bytes of a CJK code point (always valid: U+1100..U+3FFFF) into `out`; returns them.
std::string_view encode_cjk(char32_t cp, char (&out)[4]) {
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return {out, 3};
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return {out, 4};
}

/// One form of a Latin token: its text and the input span it covers.
struct Form {
    std::string_view text;
    std::size_t start = 0, end = 0;
};

// Tokens are views, not copies, wherever folding leaves the input bytes as they are (nearly
// every CJK character, lower-case ASCII words): a bigram is then the input's own 6 bytes.
// Only a token with a character that folding changes is built in a buffer. The input is
// valid UTF-8 wherever a token is taken from it (next_codepoint returns U+FFFD, never a
// token character, for anything else), so a view has the same bytes a buffer would.
class TokenStream {
public:
    TokenStream(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx)
        : m_text(text),
          m_query(mode != TokenizeMode::document),
          m_prefix(mode == TokenizeMode::prefix_query),
          m_sink(sink),
          m_ctx(ctx) {}

    int run() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const std::size_t start = i;
            const auto byte = static_cast<unsigned char>(m_text[i]);
            int rc = 0;
            if (byte < 0x80) {
                // ASCII: no decoding; folding is lower-casing; never CJK, never a mark.
                ++i;
                if (is_ascii_alnum(byte)) {
                    const char32_t lower = (byte >= 'A' && byte <= 'Z') ? byte + 32u : byte;
                    rc = latin_char(byte, lower, start, i);
                } else {
                    rc = end_latin(start);
                    if (rc == 0) rc = end_cjk();
                }
                if (rc != 0) return rc;
                continue;
            }
            const char32_t cp = text::next_codepoint(m_text, i);
            const char32_t folded = text::fold(cp);
            if (folded != 0 && text::is_cjk(folded)) {
                rc = end_latin(start);
                if (rc == 0) rc = cjk_char(cp, folded, start, i);
            } else if (text::is_token_char(cp)) {
                if (folded != 0) rc = latin_char(cp, folded, start, i);
                else if (m_latin_active) skip_mark(i);  // a combining mark stays inside its token
            } else {
                rc = end_latin(start);
                if (rc == 0) rc = end_cjk();
            }
            if (rc != 0) return rc;
        }
        const int rc = end_latin(m_text.size());
        return rc != 0 ? rc : end_cjk();
    }

private:
    int send(int flags, std::string_view token, std::size_t start, std::size_t end) {
        return m_sink(m_ctx, flags, token.data(), static_cast<int>(token.size()), static_cast<int>(start),
                      static_cast<int>(end));
    }

    /// The Latin token so far: a view of the input until a character folds to something else.
    std::string_view latin_token() const {
        return m_latin_copied ? std::string_view(m_latin) : m_text.substr(m_latin_start, m_latin_end - m_latin_start);
    }

    /// From now on the token is built in m_latin (its bytes no longer equal the input's).
    void copy_latin() {
        if (m_latin_copied) return;
        m_latin.assign(latin_token());
        m_latin_copied = true;
    }

    int latin_char(char32_t cp, char32_t folded, std::size_t start, std::size_t end) {
        const int rc = end_cjk();
        if (!m_latin_active) begin_latin(folded, start);
        if (!m_latin_copied && folded == cp) {
            m_latin_end = end;  // still a view: characters are contiguous until a mark is skipped
            return rc;
        }
        copy_latin();
        if (folded < 0x80) m_latin.push_back(static_cast<char>(folded));
        else text::append_utf8(m_latin, folded);
        m_latin_end = end;
        return rc;
    }

    void begin_latin(char32_t first, std::size_t start) {
        m_latin_active = true;
        m_latin_copied = false;
        m_latin_start = start;
        m_latin_end = start;
        m_latin_dot = false;
        // Most tokens start with a letter other than c after a space: no dot form, no compound.
        const auto before = start > 0 ? static_cast<unsigned char>(m_text[start - 1]) : 0u;
        if (is_ascii_digit(first) || first == 'c' || before == '.' || before >= 0x80) begin_shapes(first, start);
    }

    /// Looks for a dot form or a compound at the start of the token (docs/search.md, "Rules").
    /// Out of line: latin_char runs for every character and must stay small enough to inline.
    [[gnu::noinline]] void begin_shapes(char32_t first, std::size_t start) {
        std::size_t before = start;
        char32_t prev = 0;  // the character before the token, folded where that matters ('．' is '.')
        if (start > 0 && static_cast<unsigned char>(m_text[start - 1]) < 0x80) {
            prev = static_cast<unsigned char>(m_text[--before]);  // ASCII: no decoding, and only '.' matters
        } else if (start > 0) {
            prev = folded_before(m_text, before);
        }
        if (prev == '.' && !is_ascii_digit(first)) {
            // ".NET", "ASP.NET": a token that starts with a letter also exists with its dot.
            m_latin_dot = true;
            m_dot_start = before;
            return;
        }
        if (m_prefix) return;
        if (first == 'c') {
            m_compound_pending = scan_cve(m_text, start, m_compound, m_compound_end);
        } else if (is_ascii_digit(first)) {
            // A digit group right after "x." or "1." belongs to a longer dotted name or
            // number (v1.2.3.4, 10.192.168.1.1) and never starts an address.
            if (prev == '.' && is_latin_token_char(folded_before(m_text, before))) return;
            m_compound_pending = scan_ipv4(m_text, start, m_compound, m_compound_end);
        }
    }

    void skip_mark(std::size_t end) {
        copy_latin();  // the mark's bytes are in the token's span but not in its text
        m_latin_end = end;
    }

    int end_latin(std::size_t at) {
        if (!m_latin_active) return 0;
        m_latin_active = false;
        const Form bare{latin_token(), m_latin_start, m_latin_end};
        if (m_compound_pending) {
            // The first part of an address or CVE id: queries use the whole in its place.
            m_compound_pending = false;
            const Form forms[2] = {bare, {m_compound, m_latin_start, m_compound_end}};
            return m_query ? emit_query(forms[1]) : emit_document(forms, 2);
        }
        std::size_t suffix_end = at;
        const auto next = at < m_text.size() ? static_cast<unsigned char>(m_text[at]) : 0u;
        const bool may_have_suffix = next == '+' || next == '#' || next >= 0x80;  // "＋＋" is "++"
        const std::string_view suffix = may_have_suffix ? suffix_at(m_text, at, suffix_end) : std::string_view();
        if (suffix.empty() && !m_latin_dot) {
            if (!may_touch_cjk(bare)) return send(0, bare.text, bare.start, bare.end);  // a plain word
            return m_query ? emit_query(bare) : emit_document(&bare, 1);
        }
        // The whole form: ".net", "c++", ".c++" (as in "Objective.C++").
        m_whole.clear();
        if (m_latin_dot) m_whole.push_back('.');
        m_whole.append(bare.text).append(suffix);
        const std::string_view whole = m_whole;
        const std::size_t start = m_latin_dot ? m_dot_start : m_latin_start;
        const std::size_t end = suffix.empty() ? m_latin_end : suffix_end;
        if (m_query) return emit_query({whole, start, end});
        if (!m_latin_dot || suffix.empty()) {
            const Form forms[2] = {{whole, start, end}, bare};
            return emit_document(forms, 2);
        }
        // Both partial forms too, so "c++" and ".c" match it as well as "c".
        const Form forms[4] = {{whole, start, end},
                               {whole.substr(1), m_latin_start, end},
                               {whole.substr(0, 1 + bare.text.size()), start, m_latin_end},
                               bare};
        return emit_document(forms, 4);
    }

    /// Whether a non-ASCII character (possibly CJK) touches `f`: else it has no glued forms.
    bool may_touch_cjk(const Form& f) const {
        return (f.start > 0 && static_cast<unsigned char>(m_text[f.start - 1]) >= 0x80) ||
               (f.end < m_text.size() && static_cast<unsigned char>(m_text[f.end]) >= 0x80);
    }

    /// A query's form, glued to the CJK characters that touch it.
    int emit_query(const Form& f) {
        const char32_t left = cjk_before(m_text, f.start), right = cjk_at(m_text, f.end);
        if (left == 0 && right == 0) return send(0, f.text, f.start, f.end);
        return send(0, glue(left, f.text, right), f.start, f.end);
    }

    /// A document's forms at one position (the first one carries the position), then every
    /// glued variant of each.
    int emit_document(const Form* forms, int count) {
        int rc = 0;
        for (int k = 0; k < count && rc == 0; ++k)
            rc = send(k == 0 ? 0 : k_token_colocated, forms[k].text, forms[k].start, forms[k].end);
        for (int k = 0; k < count && rc == 0; ++k) {
            const Form& f = forms[k];
            if (!may_touch_cjk(f)) continue;
            const char32_t left = cjk_before(m_text, f.start), right = cjk_at(m_text, f.end);
            if (left != 0) rc = send(k_token_colocated, glue(left, f.text, 0), f.start, f.end);
            if (rc == 0 && right != 0) rc = send(k_token_colocated, glue(0, f.text, right), f.start, f.end);
            if (rc == 0 && left != 0 && right != 0)
                rc = send(k_token_colocated, glue(left, f.text, right), f.start, f.end);
        }
        return rc;
    }

    /// `text` with the CJK character `left` before it and `right` after it (0: none).
    std::string_view glue(char32_t left, std::string_view text, char32_t right) {
        m_glue.clear();
        if (left != 0) text::append_utf8(m_glue, left);
        m_glue.append(text);
        if (right != 0) text::append_utf8(m_glue, right);
        return m_glue;
    }

    int cjk_char(char32_t cp, char32_t folded, std::size_t start, std::size_t end) {
        const bool as_is = folded == cp;
        const std::string_view cur = as_is ? m_text.substr(start, end - start) : encode_cjk(folded, m_cur_buf);
        int rc = 0;
        if (m_in_run) {
            std::string_view pair;
            if (m_prev_as_is && as_is && m_prev_end == start) {
                pair = m_text.substr(m_prev_start, end - m_prev_start);
            } else {
                m_prev.copy(m_pair_buf, m_prev.size());
                cur.copy(m_pair_buf + m_prev.size(), cur.size());
                pair = std::string_view(m_pair_buf, m_prev.size() + cur.size());
            }
            // Documents: colocated with the previous character's unigram. Queries: a position of its own.
            rc = send(m_query ? 0 : k_token_colocated, pair, m_prev_start, end);
        }
        if (as_is) {
            m_prev = cur;
        } else {
            cur.copy(m_prev_buf, cur.size());
            m_prev = std::string_view(m_prev_buf, cur.size());
        }
        m_prev_as_is = as_is;
        m_prev_start = start;
        m_prev_end = end;
        m_in_run = true;
        if (rc == 0 && !m_query) rc = send(0, cur, start, end);
        return rc;
    }

    int end_cjk() {
        if (!m_in_run) return 0;
        m_in_run = false;
        return m_query ? send(0, m_prev, m_prev_start, m_prev_end) : 0;
    }

    std::string_view m_text;
    bool m_query;   // a query or prefix query: one form per position, CJK bigrams at their own positions
    bool m_prefix;  // a prefix query: compounds stay in parts
    TokenSink m_sink;
    void* m_ctx;

    // The current Latin token: input span [m_latin_start, m_latin_end); its text is that span
    // until m_latin_copied, then m_latin.
    bool m_latin_active = false, m_latin_copied = false;
    std::string m_latin;
    std::size_t m_latin_start = 0, m_latin_end = 0;

    bool m_latin_dot = false;  // the token starts with a letter right after a '.' at m_dot_start
    std::size_t m_dot_start = 0;
    std::string m_whole;  // "c++", ".net": the token with its punctuation
    std::string m_glue;   // "文english": a form glued to a CJK neighbour

    // An address or CVE id that starts with the current token: its folded text and its end.
    bool m_compound_pending = false;
    std::string m_compound;
    std::size_t m_compound_end = 0;

    // The run's previous character (folded): a view of the input or of m_prev_buf.
    std::string_view m_prev;
    bool m_prev_as_is = false;
    char m_prev_buf[4] = {}, m_cur_buf[4] = {}, m_pair_buf[8] = {};
    std::size_t m_prev_start = 0, m_prev_end = 0;
    bool m_in_run = false;
};

int collect(void* ctx, int flags, const char* token, int size, int start, int end) {
    auto* out = static_cast<std::vector<SearchToken>*>(ctx);
    out->push_back(SearchToken{std::string(token, static_cast<std::size_t>(size)), (flags & k_token_colocated) != 0,
                               static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
    return 0;
}

}  // namespace

int tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx) {
    return TokenStream(text, mode, sink, ctx).run();
}

}  // namespace dossier::store::detail

namespace dossier::store {

std::vector<SearchToken> tokenize_for_search(std::string_view text, TokenizeMode mode) {
    std::vector<SearchToken> out;
    detail::tokenize(text, mode, detail::collect, &out);
    return out;
}

}  // namespace dossier::store
