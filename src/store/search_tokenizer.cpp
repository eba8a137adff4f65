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

class TokenStream {
public:
    TokenStream(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx)
        : m_text(text), m_query(mode == TokenizeMode::query), m_sink(sink), m_ctx(ctx) {}

    int run() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const std::size_t start = i;
            const char32_t cp = text::next_codepoint(m_text, i);
            const char32_t folded = text::fold(cp);
            int rc = 0;
            if (folded != 0 && text::is_cjk(folded)) {
                rc = end_latin(start);
                if (rc == 0) rc = cjk_char(folded, start, i);
            } else if (text::is_token_char(cp)) {
                if (folded != 0) rc = latin_char(folded, start, i);
                else if (!m_latin.empty()) m_latin_end = i;  // a combining mark stays inside its token
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

    int latin_char(char32_t folded, std::size_t start, std::size_t end) {
        const int rc = end_cjk();
        if (m_latin.empty()) m_latin_start = start;
        text::append_utf8(m_latin, folded);
        m_latin_end = end;
        return rc;
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
        if (m_latin.empty()) return 0;
        std::size_t suffix_end = at;
        const std::string_view suffix = suffix_at(at, suffix_end);
        int rc = 0;
        if (suffix.empty()) {
            rc = send(0, m_latin, m_latin_start, m_latin_end);
        } else {
            m_whole.assign(m_latin).append(suffix);
            rc = send(0, m_whole, m_latin_start, suffix_end);
            if (rc == 0 && !m_query) rc = send(k_token_colocated, m_latin, m_latin_start, m_latin_end);
        }
        m_latin.clear();
        return rc;
    }

    int cjk_char(char32_t folded, std::size_t start, std::size_t end) {
        int rc = 0;
        if (m_in_run) {
            m_pair.assign(m_prev);
            text::append_utf8(m_pair, folded);
            // Documents: colocated with the previous character's unigram. Queries: a position of its own.
            rc = send(m_query ? 0 : k_token_colocated, m_pair, m_prev_start, end);
        }
        m_prev.clear();
        text::append_utf8(m_prev, folded);
        m_prev_start = start;
        m_prev_end = end;
        m_in_run = true;
        if (rc == 0 && !m_query) rc = send(0, m_prev, start, end);
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

    std::string m_latin;
    std::size_t m_latin_start = 0, m_latin_end = 0;

    std::string m_whole;  // "c++": the token with its suffix

    std::string m_prev, m_pair;  // the run's previous character (folded) and the current bigram
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
