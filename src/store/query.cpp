// The search query language (docs/search.md, "Query syntax"). Lexer -> recursive-descent
// parser -> FTS5 expression in which each user term is a double-quoted FTS5 string, so no
// user character is ever read as FTS5 syntax. Precedence, as in web search engines: OR binds
// tighter than AND (`a b OR c` = a AND (b OR c)); -term / NOT term excludes from its AND group.
#include "dossier/store/query.hpp"

#include <algorithm>
#include <array>

#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/store/cve_ids.hpp"
#include "tokenizer_core.hpp"

namespace dossier::store {

namespace {

enum class Kind { word, phrase, lparen, rparen, op_and, op_or, op_not };

struct Lexeme {
    Kind kind = Kind::word;
    std::string text;
    std::string field;     // lower-case field name ("title", "source", ...), "" when none
    bool negated = false;  // written with a leading '-'
    bool prefix = false;   // written with a trailing '*'
};

constexpr std::array<std::string_view, 2> k_column_fields{"title", "body"};
constexpr std::array<std::string_view, 6> k_filter_fields{"source", "lang", "tag", "cve", "since", "until"};
constexpr const char* k_field_list = "title, body, source, lang, tag, cve, since, until";

/// Longest query accepted, in bytes (about 330 Chinese characters): enough for any real
/// search, and it keeps FTS5's work per query bounded.
constexpr std::size_t k_max_query_bytes = 1000;
/// Most terms, phrases and filters in one query.
constexpr std::size_t k_max_terms = 64;

bool is_one_of(std::string_view name, const auto& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_ascii_letters(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
}

/// Whether `name:value` is written like a field but names none (docs/search.md, "Query
/// syntax"): a name of two or more ASCII letters with a value. Left as text: a one-letter
/// name (a drive, "c:\temp"; "a:b"), a value starting with '/' (a URL, "https://...") or ':'
/// ("std::string"), and a colon that ends the word ("Note:").
bool is_unknown_field(std::string_view name, std::string_view value, bool phrase_follows) {
    if (name.size() < 2 || !is_ascii_letters(name)) return false;
    if (value.empty()) return phrase_follows;
    return value.front() != '/' && value.front() != ':';
}

/// Length of the white space at s[i] (ASCII, NUL, or U+3000 IDEOGRAPHIC SPACE), else 0.
std::size_t space_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\0') return 1;
    if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
    return 0;
}

class Lexer {
public:
    explicit Lexer(std::string_view query) : m_s(query) {}

    core::Result<std::vector<Lexeme>> run() {
        for (;;) {
            while (m_i < m_s.size() && space_at(m_s, m_i) > 0) m_i += space_at(m_s, m_i);
            if (m_i >= m_s.size()) return std::move(m_out);
            if (auto r = lex_one(); !r) return core::fail(r.error().message);
        }
    }

private:
    bool ends_word(std::size_t i) const {
        return i >= m_s.size() || space_at(m_s, i) > 0 || m_s[i] == '(' || m_s[i] == ')' || m_s[i] == '"';
    }

    core::Result<void> lex_one() {
        Lexeme lx;
        // "-x", "-\"a b\"", "-(a OR b)" exclude; a lone "-" is an (empty) word.
        if (m_s[m_i] == '-' && m_i + 1 < m_s.size() && space_at(m_s, m_i + 1) == 0 && m_s[m_i + 1] != ')') {
            lx.negated = true;
            ++m_i;
        }
        const char c = m_s[m_i];
        if (c == '(' || c == ')') {
            lx.kind = c == '(' ? Kind::lparen : Kind::rparen;
            ++m_i;
            m_out.push_back(std::move(lx));
            return {};
        }
        if (c == '"') return lex_phrase(std::move(lx));
        return lex_word(std::move(lx));
    }

    core::Result<void> lex_phrase(Lexeme lx) {
        const std::size_t close = m_s.find('"', m_i + 1);
        if (close == std::string_view::npos) return core::fail("search: unbalanced quote");
        lx.kind = Kind::phrase;
        lx.text = std::string(m_s.substr(m_i + 1, close - m_i - 1));
        m_i = close + 1;
        while (m_i < m_s.size() && m_s[m_i] == '*') {
            lx.prefix = true;
            ++m_i;
        }
        m_out.push_back(std::move(lx));
        return {};
    }

    core::Result<void> lex_word(Lexeme lx) {
        std::size_t end = m_i;
        while (!ends_word(end)) ++end;
        std::string_view word = m_s.substr(m_i, end - m_i);
        m_i = end;
        const std::size_t colon = word.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            const std::string name = core::to_lower_ascii(word.substr(0, colon));
            const bool phrase_follows = colon + 1 == word.size() && m_i < m_s.size() && m_s[m_i] == '"';
            if (is_one_of(name, k_column_fields) || is_one_of(name, k_filter_fields)) {
                lx.field = name;
                word.remove_prefix(colon + 1);
                if (phrase_follows) return lex_phrase(std::move(lx));
                if (word.empty()) return core::fail("search: " + name + ": needs a value");
            } else if (is_unknown_field(word.substr(0, colon), word.substr(colon + 1), phrase_follows)) {
                return core::fail("search: unknown field \"" + std::string(word.substr(0, colon + 1)) + "\" (fields: " +
                                  k_field_list + "; put the term in quotes to search for it as text)");
            }
        }
        if (!lx.negated && lx.field.empty() && (word == "AND" || word == "OR" || word == "NOT")) {
            lx.kind = word == "AND" ? Kind::op_and : word == "OR" ? Kind::op_or : Kind::op_not;
            m_out.push_back(std::move(lx));
            return {};
        }
        while (!word.empty() && word.back() == '*') {
            lx.prefix = true;
            word.remove_suffix(1);
        }
        lx.text = std::string(word);
        m_out.push_back(std::move(lx));
        return {};
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    std::vector<Lexeme> m_out;
};

struct Node {
    enum class Type { term, all, any };
    Type type = Type::term;
    std::string text, field;
    bool prefix = false;
    std::vector<Node> items;     // all: required operands; any: alternatives
    std::vector<Node> excluded;  // all: operands after NOT
};

/// A parsed operand: a node (empty when the term had no searchable characters or was a
/// filter) and whether it was excluded.
struct Operand {
    std::optional<Node> node;
    bool negated = false;
    bool filter = false;
};

int stop_at_first(void*, int, const char*, int, int, int) { return 1; }

bool has_tokens(std::string_view text) {
    return detail::tokenize(text, TokenizeMode::query, stop_at_first, nullptr) != 0;
}

/// Parentheses nest at most this deep. Each level renders as up to three FTS5 parentheses
/// (NOT wrapper, AND list, OR list), and FTS5's query parser overflows its fixed stack
/// ("fts5: parser stack overflow") at about fifty.
constexpr int k_max_depth = 12;

const char* const k_filter_placement = ": filters apply to the whole query; they cannot be excluded or inside OR or parentheses";

class Parser {
public:
    explicit Parser(std::vector<Lexeme> lexemes) : m_lx(std::move(lexemes)) {}

    core::Result<ParsedQuery> run() {
        if (m_lx.empty()) return core::fail("search: empty query");
        auto root = parse_all(0);
        if (!root) return core::fail(std::move(root).error().message);
        if (m_pos < m_lx.size()) return core::fail("search: unbalanced parenthesis");
        const bool has_filters = !m_out.sources.empty() || !m_out.langs.empty() || !m_out.tags.empty() ||
                                 !m_out.cves.empty() || m_out.since || m_out.until;
        if (!*root && !has_filters) return core::fail("search: no words to search for in the query");
        if (*root) render(**root, m_out.match);
        return std::move(m_out);
    }

private:
    bool at_end() const { return m_pos >= m_lx.size(); }
    Kind peek() const { return m_lx[m_pos].kind; }
    bool at_operator() const {
        return !at_end() && (peek() == Kind::op_and || peek() == Kind::op_or || peek() == Kind::rparen);
    }

    core::Result<std::optional<Node>> parse_all(int depth) {
        Node all;
        all.type = Node::Type::all;
        bool seen = false;
        while (!at_end() && peek() != Kind::rparen) {
            if (peek() == Kind::op_and) {
                ++m_pos;
                if (!seen || at_end() || at_operator()) return core::fail("search: operator AND without a term");
                continue;
            }
            if (peek() == Kind::op_or) return core::fail("search: operator OR without a term");
            auto operand = parse_any(depth);
            if (!operand) return core::fail(std::move(operand).error().message);
            seen = true;
            if (operand->node) (operand->negated ? all.excluded : all.items).push_back(std::move(*operand->node));
        }
        if (!seen && depth > 0) return core::fail("search: empty parentheses");
        if (all.items.empty()) {
            if (!all.excluded.empty()) return core::fail("search: a query cannot consist only of excluded terms");
            return std::optional<Node>{};
        }
        if (all.items.size() == 1 && all.excluded.empty()) return std::optional<Node>(std::move(all.items[0]));
        return std::optional<Node>(std::move(all));
    }

    core::Result<Operand> parse_any(int depth) {
        auto first = parse_unary(depth);
        if (!first || at_end() || peek() != Kind::op_or) return first;
        Node any;
        any.type = Node::Type::any;
        bool negated = first->negated, filter = first->filter;
        if (first->node) any.items.push_back(std::move(*first->node));
        while (!at_end() && peek() == Kind::op_or) {
            ++m_pos;
            if (at_end() || at_operator()) return core::fail("search: operator OR without a term");
            auto next = parse_unary(depth);
            if (!next) return next;
            negated = negated || next->negated;
            filter = filter || next->filter;
            if (next->node) any.items.push_back(std::move(*next->node));
        }
        if (negated) return core::fail("search: an excluded term cannot be an OR alternative");
        if (filter) return core::fail(std::string("search: source:, lang:, tag:, cve:, since:, until:") + k_filter_placement);
        if (any.items.empty()) return Operand{};
        if (any.items.size() == 1) return Operand{std::move(any.items[0]), false, false};
        return Operand{std::move(any), false, false};
    }

    core::Result<Operand> parse_unary(int depth) {
        bool negated = false;
        if (peek() == Kind::op_not) {
            ++m_pos;
            if (at_end() || at_operator() || peek() == Kind::op_not || m_lx[m_pos].negated)
                return core::fail("search: operator NOT without a term");
            negated = true;
        }
        Lexeme& lx = m_lx[m_pos++];
        negated = negated || lx.negated;
        if (lx.kind == Kind::lparen) {
            if (depth >= k_max_depth)
                return core::fail("search: parentheses nested more than " + std::to_string(k_max_depth) + " deep");
            auto inner = parse_all(depth + 1);
            if (!inner) return core::fail(std::move(inner).error().message);
            if (at_end() || peek() != Kind::rparen) return core::fail("search: unbalanced parenthesis");
            ++m_pos;
            return Operand{std::move(*inner), negated, false};
        }
        if (is_one_of(lx.field, k_filter_fields)) {
            if (depth > 0 || negated) return core::fail("search: " + lx.field + k_filter_placement);
            if (auto r = add_filter(lx); !r) return core::fail(r.error().message);
            return Operand{std::nullopt, false, true};
        }
        if (!has_tokens(lx.text)) return Operand{std::nullopt, negated, false};  // "+++", "-", "*": nothing to match
        Node term;
        term.text = std::move(lx.text);
        term.field = std::move(lx.field);
        term.prefix = lx.prefix;
        return Operand{std::move(term), negated, false};
    }

    core::Result<void> add_filter(const Lexeme& lx) {
        const std::string value(core::trim(lx.text));
        if (value.empty()) return core::fail("search: " + lx.field + ": needs a value");
        if (lx.field == "source") m_out.sources.push_back(value);
        else if (lx.field == "lang") m_out.langs.push_back(core::to_lower_ascii(value));
        else if (lx.field == "tag") m_out.tags.push_back(value);
        else if (lx.field == "cve") return add_cve_filter(value);
        else return add_date_filter(lx.field, value);
        return {};
    }

    core::Result<void> add_cve_filter(const std::string& value) {
        auto id = normalize_cve_id(value);
        if (!id) return core::fail("search: cve: not a CVE id: \"" + value + "\" (expected CVE-YYYY-NNNN)");
        if (!is_one_of(*id, m_out.cves)) m_out.cves.push_back(std::move(*id));
        return {};
    }

    core::Result<void> add_date_filter(const std::string& field, const std::string& value) {
        const auto date = core::parse_date(value);
        if (!date) return core::fail("search: " + field + ": not a date: " + value);
        if (field == "since") {
            m_out.since = std::max(m_out.since.value_or(date->seconds), date->seconds);
            return {};
        }
        // until: is exclusive; a date alone means "up to and including that day".
        const std::int64_t end = date->seconds + (date->date_only() ? 86400 : 0);
        m_out.until = std::min(m_out.until.value_or(end), end);
        return {};
    }

    static void quote(const std::string& text, std::string& out) {
        out.push_back('"');
        for (const char c : text) {
            if (c == '"') out.push_back('"');  // FTS5 strings escape " by doubling it
            out.push_back(c);
        }
        out.push_back('"');
    }

    static void render_list(const std::vector<Node>& nodes, const char* op, std::string& out) {
        if (nodes.size() == 1) return render(nodes[0], out);
        out.push_back('(');
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            if (k > 0) out += op;
            render(nodes[k], out);
        }
        out.push_back(')');
    }

    static void render(const Node& n, std::string& out) {
        switch (n.type) {
            case Node::Type::term:
                if (!n.field.empty()) out += n.field + " : ";
                quote(n.text, out);
                if (n.prefix) out.push_back('*');
                return;
            case Node::Type::any:
                return render_list(n.items, " OR ", out);
            case Node::Type::all:
                if (n.excluded.empty()) return render_list(n.items, " AND ", out);
                // FTS5's NOT is binary: (required) NOT (any excluded).
                out.push_back('(');
                render_list(n.items, " AND ", out);
                out += " NOT ";
                render_list(n.excluded, " OR ", out);
                out.push_back(')');
                return;
        }
    }

    std::vector<Lexeme> m_lx;
    std::size_t m_pos = 0;
    ParsedQuery m_out;
};

core::Result<ParsedQuery> parse(std::string_view user_query) {
    if (user_query.size() > k_max_query_bytes)
        return core::fail("search: query too long: " + std::to_string(user_query.size()) + " bytes (at most " +
                          std::to_string(k_max_query_bytes) + ")");
    auto lexemes = Lexer(user_query).run();
    if (!lexemes) return core::fail(std::move(lexemes).error().message);
    const auto terms = static_cast<std::size_t>(std::count_if(lexemes->begin(), lexemes->end(), [](const Lexeme& lx) {
        return lx.kind == Kind::word || lx.kind == Kind::phrase;
    }));
    if (terms > k_max_terms)
        return core::fail("search: too many terms: " + std::to_string(terms) + " (at most " + std::to_string(k_max_terms) +
                          ")");
    return Parser(std::move(*lexemes)).run();
}

}  // namespace

core::Result<ParsedQuery> parse_query(std::string_view user_query) {
    auto parsed = parse(user_query);
    // Messages quote the user's values; control characters in them must not break the one
    // line (found by fuzzing: since:"a<LF>b").
    if (!parsed) return core::fail(core::escape_controls(parsed.error().message));
    return parsed;
}

core::Result<std::string> to_match_expression(std::string_view user_query) {
    auto parsed = parse_query(user_query);
    if (!parsed) return core::fail(std::move(parsed).error().message);
    if (parsed->match.empty()) return core::fail("search: no search terms");
    return std::move(parsed->match);
}

}  // namespace dossier::store
