// Author from the extracted body text, for pages without a byline element: bylines written as
// the body's first paragraphs, or editor initials signing its end.
#include "dossier/core/strings.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

using TextField = Field<std::string>;

bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/// Editor initials closing the text, as German and Austrian news sites sign articles:
/// "... voraus. (bsc)", "(dpa/fm)". Returns the initials, or "" when the text does not end so.
std::string closing_initials(std::string_view text, const Options& opts) {
    text = core::trim(text);
    if (text.size() < 4 || text.back() != ')') return {};
    const auto open = text.rfind('(');
    if (open == std::string_view::npos || open == 0) return {};
    const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
    if (inside.size() < 2 || inside.size() > 12 || !is_lower_ascii(inside.front())) return {};
    std::size_t run = 0;
    for (char c : inside) {
        if (is_lower_ascii(c)) {
            if (++run > opts.max_initials_letters) return {};  // a word, not initials
        } else if (c == '/' && run >= 2) {
            run = 0;
        } else {
            return {};
        }
    }
    // The initials follow a sentence: "voraus. (bsc)" rather than "the tool (nmap)".
    const std::string_view before = core::trim(text.substr(0, open));
    if (before.empty() || (before.back() != '.' && before.back() != '!' && before.back() != '?')) return {};
    return std::string(inside);
}

/// A byline written as the body's first paragraph: a short name (two to four capitalized
/// words, no digits) followed by a paragraph that is only an e-mail address.
std::string leading_byline(std::string_view body, const Options& opts) {
    const auto end1 = body.find("\n\n");
    if (end1 == std::string_view::npos) return {};
    const std::string name = collapse_ws(body.substr(0, end1));
    const std::string_view rest = body.substr(end1 + 2);
    const std::string mail = collapse_ws(rest.substr(0, rest.find("\n\n")));
    if (mail.find('@') == std::string::npos || mail.find(' ') != std::string::npos) return {};
    const auto words = core::split(name, ' ');
    if (words.size() < 2 || words.size() > opts.max_name_words || name.size() > opts.max_author_chars) return {};
    for (std::string_view w : words) {
        if (w.empty() || !(w.front() >= 'A' && w.front() <= 'Z')) return {};
        for (char c : w)
            if (c >= '0' && c <= '9') return {};
    }
    return name;
}

}  // namespace

std::optional<Field<std::string>> find_author_in_body(const Page& page, std::string_view body) {
    if (auto name = accept_author_name(page, leading_byline(body, page.opts)))
        return TextField{*name, "body:byline"};
    const auto last = body.rfind("\n\n");
    const std::string_view tail = last == std::string_view::npos ? body : body.substr(last + 2);
    if (auto name = accept_author_name(page, closing_initials(tail, page.opts)))
        return TextField{*name, "body:initials"};
    return std::nullopt;
}

}  // namespace dossier::extract::detail
