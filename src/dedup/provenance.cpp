// Attribution lines. Chinese lines are read as label fields ("文章来源：X 原文地址：URL 作者：Y"),
// because real pages put several on one line; English ones as one leading phrase. Labels were
// collected from the corpus pages (anquanke, gmw, youth, qq, citylab) and common repost notes.
#include "dossier/dedup/provenance.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "attribution_labels.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::dedup {

namespace {

using attribution::Kind;

struct LineFacts {
    bool attribution = false;
    bool weak = false;  ///< its origin comes only from a caption-like marker (see in_region)
    bool self = false;
    std::string name;
    std::string url;
};

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

bool starts_with_any(std::string_view s, std::size_t at, const auto& list) {
    for (const std::string_view item : list) {
        if (s.substr(at).starts_with(item)) return true;
    }
    return false;
}

/// Leading bullets, brackets and spaces that decorate a credit ("【来源：X】", "* 参考来源：X").
std::size_t skip_decoration(std::string_view s, std::size_t at = 0) {
    static constexpr std::array<std::string_view, 14> k_decor{
        " ", "\t", "*", "[", "(", "-", ">", "|", "\u3000", "\u3010", "\uFF08", "\u2014", "\u00B7", "\u2022"};
    bool moved = true;
    while (moved && at < s.size()) {
        moved = false;
        for (const std::string_view d : k_decor) {
            if (s.substr(at).starts_with(d)) {
                at += d.size();
                moved = true;
            }
        }
    }
    return at;
}

/// A leading date or time with at least 4 digits ("2017-03-10 09:58:03  来源：X"): metadata lines
/// put it before the labels.
std::size_t skip_date(std::string_view s, std::size_t at) {
    std::size_t digits = 0;
    std::size_t i = at;
    while (i < s.size()) {
        if (s[i] >= '0' && s[i] <= '9') {
            ++digits;
            ++i;
        } else if (std::string_view("-/:. ").find(s[i]) != std::string_view::npos) {
            ++i;
        } else if (starts_with_any(s, i, std::array<std::string_view, 3>{"年", "月", "日"})) {
            i += 3;  // each is 3 bytes in UTF-8
        } else {
            break;
        }
    }
    return digits >= 4 ? i : at;
}

/// The first http(s) URL in `s`, ending at a space, a quote, a bracket or non-ASCII text,
/// without trailing sentence punctuation.
std::string find_url(std::string_view s) {
    const std::string lower = core::to_lower_ascii(s);
    std::size_t at = lower.find("https://");
    if (at == std::string::npos) at = lower.find("http://");
    if (at == std::string::npos) return {};
    std::size_t end = at;
    while (end < s.size()) {
        const auto c = static_cast<unsigned char>(s[end]);
        if (c <= 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '<' || c == '>' || c == ')' || c == ']') break;
        ++end;
    }
    while (end > at && std::string_view(".,;:!?").find(s[end - 1]) != std::string_view::npos) --end;
    return std::string(s.substr(at, end - at));
}

/// `value` up to the first delimiter that ends a name, trimmed of spaces, quotes and brackets.
std::string_view cut_name(std::string_view value, bool english) {
    value = attribution::trim_name(value);
    std::size_t end = value.size();
    const auto cut_at = [&](std::string_view delim) {
        const std::size_t at = value.find(delim);
        if (at != std::string_view::npos && at < end) end = at;
    };
    for (const std::string_view d : attribution::k_name_delimiters) cut_at(d);
    if (english) {
        for (const std::string_view d : attribution::k_english_delimiters) cut_at(d);
        end = std::min(end, attribution::date_clause(value));
        if (value.ends_with('.')) end = std::min(end, value.size() - 1);
    }
    return attribution::trim_name(value.substr(0, end));
}

/// Records an origin value (a name, a URL, a placeholder or an own-site claim) in `facts`.
void take_origin_value(std::string_view value, bool english, LineFacts& facts) {
    const std::string_view name = cut_name(value, english);
    if (facts.url.empty()) facts.url = find_url(value);
    if (core::istarts_with(name, "http://") || core::istarts_with(name, "https://")) return;
    if (attribution::is_self_name(name)) {
        facts.self = true;
    } else if (facts.name.empty() && attribution::is_usable_name(name)) {
        facts.name = std::string(name);
    }
}

/// Every label in `line`, left to right, each read past its separators.
std::vector<attribution::LabelMatch> find_labels(std::string_view line) {
    std::vector<attribution::LabelMatch> labels;
    for (std::size_t at = 0; at < line.size();) {
        if (auto m = attribution::label_at(line, at)) {
            // "转载请注明出处：URL", "转载请注明来源：X": a label right after a repost notice is
            // part of the notice.
            if (!labels.empty() && labels.back().kind == Kind::policy && labels.back().value_begin == at) {
                m->kind = Kind::policy;
            }
            labels.push_back(*m);
            at = m->value_begin;
        } else {
            ++at;
            while (at < line.size() && is_continuation(line[at])) ++at;
        }
    }
    return labels;
}

/// A Chinese line: it must start with a label (after decoration and a date) or be a short
/// repost notice; then every label in it starts a field that runs to the next label.
LineFacts read_zh_line(std::string_view line) {
    LineFacts facts;
    const std::size_t start = skip_decoration(line, skip_date(line, skip_decoration(line)));
    if (!attribution::label_at(line, start) && !attribution::has_policy_phrase(line)) return facts;
    facts.attribution = true;
    facts.self = starts_with_any(line, start, attribution::k_self_openers) &&
                 line.find("原创") != std::string_view::npos;
    const std::vector<attribution::LabelMatch> labels = find_labels(line);
    bool weak_origin = false;
    bool strong_origin = false;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool origin = labels[i].kind == Kind::origin || labels[i].kind == Kind::origin_url;
        weak_origin = weak_origin || (origin && labels[i].weak);
        strong_origin = strong_origin || (origin && !labels[i].weak);
        const std::size_t end = i + 1 < labels.size() ? labels[i + 1].begin : line.size();
        const std::string_view value = line.substr(labels[i].value_begin, end - labels[i].value_begin);
        if (labels[i].kind == Kind::origin) take_origin_value(value, false, facts);
        if (labels[i].kind == Kind::origin_url && facts.url.empty()) facts.url = find_url(value);
    }
    facts.weak = weak_origin && !strong_origin;
    return facts;
}

/// An English line: a leading marker ("Source:", "Originally published on", "Translated by")
/// or "This <article> ... originally appeared on X" with a few words before the phrase.
LineFacts read_en_line(std::string_view line) {
    LineFacts facts;
    const std::size_t start = skip_decoration(line);
    const std::string lower = core::to_lower_ascii(line.substr(start));
    const std::optional<attribution::EnglishMatch> m = attribution::english_marker(lower);
    if (!m) return facts;
    facts.attribution = true;
    facts.weak = m->weak;
    if (m->kind == Kind::origin) take_origin_value(line.substr(start + m->value_begin), true, facts);
    return facts;
}

LineFacts read_line(std::string_view line) {
    line = core::trim(line);
    if (line.empty() || attribution::count_codepoints(line) > k_max_attribution_chars) return {};
    LineFacts facts = read_zh_line(line);
    if (!facts.attribution) facts = read_en_line(line);
    return facts;
}

/// The non-empty lines of `body`, each with its byte range.
struct Line {
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::vector<Line> nonempty_lines(std::string_view body) {
    std::vector<Line> lines;
    for (std::size_t at = 0; at <= body.size();) {
        std::size_t end = body.find('\n', at);
        if (end == std::string_view::npos) end = body.size();
        if (!core::trim(body.substr(at, end - at)).empty()) lines.push_back({at, end});
        at = end + 1;
    }
    return lines;
}

/// True when line `index` of `count` may hold attribution `facts`: near either end, and for a
/// caption-like marker ("Source:", "来源：") only the very first or last lines.
bool in_region(std::size_t index, std::size_t count, const LineFacts& facts) {
    if (facts.weak) return index < k_weak_head_paragraphs || index + k_weak_tail_paragraphs >= count;
    return index < k_head_paragraphs || index + k_tail_paragraphs >= count;
}

/// The attribution facts of line `index` when it is one in its position, else nothing.
std::optional<LineFacts> attribution_at(std::string_view body, const std::vector<Line>& lines, std::size_t index) {
    if (!in_region(index, lines.size(), LineFacts{})) return std::nullopt;
    LineFacts facts = read_line(body.substr(lines[index].begin, lines[index].end - lines[index].begin));
    if (!facts.attribution || !in_region(index, lines.size(), facts)) return std::nullopt;
    return facts;
}

}  // namespace

bool is_attribution_line(std::string_view line) { return read_line(line).attribution; }

std::optional<Origin> find_origin(std::string_view body) {
    const std::vector<Line> lines = nonempty_lines(body);
    Origin found;
    std::string self_line;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::optional<LineFacts> facts = attribution_at(body, lines, i);
        if (!facts) continue;
        const std::string text(core::trim(body.substr(lines[i].begin, lines[i].end - lines[i].begin)));
        if (facts->self && self_line.empty()) self_line = text;
        const bool names_first = found.name.empty() && !facts->name.empty();
        if (names_first) found.name = facts->name;
        if (found.url.empty() && !facts->url.empty()) {
            found.url = facts->url;
            if (found.line.empty()) found.line = text;
        }
        if (names_first) found.line = text;
    }
    if (!found.name.empty() || !found.url.empty()) return found;
    if (self_line.empty()) return std::nullopt;
    Origin own;
    own.self = true;
    own.line = std::move(self_line);
    return own;
}

std::string strip_attribution(std::string_view body) {
    const std::vector<Line> lines = nonempty_lines(body);
    std::string out;
    out.reserve(body.size());
    std::size_t copied = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!attribution_at(body, lines, i)) continue;
        out.append(body.substr(copied, lines[i].begin - copied));
        copied = std::min(body.size(), lines[i].end + 1);  // the line and its newline
    }
    out.append(body.substr(copied));
    return out;
}

}  // namespace dossier::dedup
