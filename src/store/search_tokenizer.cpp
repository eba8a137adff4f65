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
// Other letters and digits: unicode61 rules, each character folded by text::fold.
// "C++", "Notepad++", "C#" also yield the whole token: first (so a hit is marked with its
// suffix) with the bare "c" colocated in documents; alone in queries, so a query for C++
// does not match every lone "C".
#include "dossier/store/search_tokenizer.hpp"

#include <string>

#include "dossier/text/unicode.hpp"
#include "tokenizer_core.hpp"

namespace dossier::store::detail {

namespace {

bool is_latin_token_char(char32_t cp) { return text::is_token_char(cp) && !text::is_cjk(text::fold(cp)); }

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

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

// Tokens are views, not copies, wherever folding leaves the input bytes as they are (nearly
// every CJK character, lower-case ASCII words): a bigram is then the input's own 6 bytes.
// Only a token with a character that folding changes is built in a buffer. The input is
// valid UTF-8 wherever a token is taken from it (next_codepoint returns U+FFFD, never a
// token character, for anything else), so a view has the same bytes a buffer would.
class TokenStream {
public:
    TokenStream(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx)
        : m_text(text), m_query(mode == TokenizeMode::query), m_sink(sink), m_ctx(ctx) {}

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
        if (!m_latin_active) {
            m_latin_active = true;
            m_latin_copied = false;
            m_latin_start = start;
            m_latin_end = start;
        }
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

    void skip_mark(std::size_t end) {
        copy_latin();  // the mark's bytes are in the token's span but not in its text
        m_latin_end = end;
    }

    /// The "++" or "#" that makes C++ / C# a token of its own, and where it ends.
    std::string_view suffix_at(std::size_t at, std::size_t& suffix_end) const {
        std::size_t i = at;
        if (i >= m_text.size()) return {};
        const char32_t first = text::fold(text::next_codepoint(m_text, i));
        if (first == '+') {
            if (i < m_text.size() && text::fold(text::next_codepoint(m_text, i)) == '+') {
                suffix_end = i;
                return "++";
            }
            return {};
        }
        if (first != '#') return {};
        suffix_end = i;
        // "C#" but not "issue#123" or "page#section".
        if (i < m_text.size() && is_latin_token_char(text::next_codepoint(m_text, i))) return {};
        return "#";
    }

    int end_latin(std::size_t at) {
        if (!m_latin_active) return 0;
        m_latin_active = false;
        const std::string_view token = latin_token();
        std::size_t suffix_end = at;
        const std::string_view suffix = suffix_at(at, suffix_end);
        if (suffix.empty()) return send(0, token, m_latin_start, m_latin_end);
        m_whole.assign(token).append(suffix);
        const int rc = send(0, m_whole, m_latin_start, suffix_end);
        if (rc == 0 && !m_query) return send(k_token_colocated, token, m_latin_start, m_latin_end);
        return rc;
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
    bool m_query;
    TokenSink m_sink;
    void* m_ctx;

    // The current Latin token: input span [m_latin_start, m_latin_end); its text is that span
    // until m_latin_copied, then m_latin.
    bool m_latin_active = false, m_latin_copied = false;
    std::string m_latin;
    std::size_t m_latin_start = 0, m_latin_end = 0;

    std::string m_whole;  // "c++": the token with its suffix

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
