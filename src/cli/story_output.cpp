#include "story_output.hpp"

#include <algorithm>
#include <cstdint>

#include "dossier/core/date_time.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::cli {

namespace {

std::string iso_or_empty(const std::optional<core::DateTime>& d) { return d ? d->to_iso() : std::string(); }

/// The non-empty lines of a text (paragraphs are separated by blank lines; a diff of the
/// blank lines themselves says nothing).
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

enum class Op : char { keep = ' ', del = '-', add = '+' };

struct Edit {
    Op op;
    std::size_t a, b;  // line index in before / after (the one that applies)
};

/// Longest-common-subsequence edit script. Quadratic table, so capped: beyond it the texts
/// compare as one replaced block (an article rewritten in full diffs as such anyway).
constexpr std::size_t k_max_diff_cells = 4'000'000;

std::vector<Edit> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<Edit> out;
    const std::size_t n = a.size(), m = b.size();
    if (n * m > k_max_diff_cells) {
        for (std::size_t i = 0; i < n; ++i) out.push_back({Op::del, i, 0});
        for (std::size_t j = 0; j < m; ++j) out.push_back({Op::add, n, j});
        return out;
    }
    // lcs[i][j] = LCS length of a[i..] and b[j..].
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[at(i, j)] = a[i] == b[j] ? lcs[at(i + 1, j + 1)] + 1 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            out.push_back({Op::keep, i++, j++});
        } else if (j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)])) {
            out.push_back({Op::add, i, j++});
        } else {
            out.push_back({Op::del, i++, j});
        }
    }
    return out;
}

std::string hunk_header(std::size_t a_start, std::size_t a_len, std::size_t b_start, std::size_t b_len) {
    auto range = [](std::size_t start, std::size_t len) {
        // Unified format: 1-based start; an empty range names the line before it.
        return std::to_string(len == 0 ? start : start + 1) + (len == 1 ? "" : "," + std::to_string(len));
    };
    return "@@ -" + range(a_start, a_len) + " +" + range(b_start, b_len) + " @@\n";
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, std::size_t context) {
    const auto a = lines_of(before);
    const auto b = lines_of(after);
    const auto script = edit_script(a, b);
    std::string out;
    std::size_t k = 0;
    while (k < script.size()) {
        // The next change, and the hunk around it: changes closer than 2 * context merge.
        while (k < script.size() && script[k].op == Op::keep) ++k;
        if (k == script.size()) break;
        std::size_t first = k >= context ? k - context : 0;
        std::size_t last = k;  // one past the hunk's last change
        for (std::size_t p = k; p < script.size(); ++p) {
            if (script[p].op != Op::keep) last = p + 1;
            else if (p - last >= 2 * context) break;
        }
        const std::size_t end = std::min(script.size(), last + context);
        std::size_t a_len = 0, b_len = 0;
        std::string body;
        for (std::size_t p = first; p < end; ++p) {
            const Edit& e = script[p];
            if (e.op != Op::add) ++a_len;
            if (e.op != Op::del) ++b_len;
            body += static_cast<char>(e.op);
            body += e.op == Op::add ? b[e.b] : a[e.a];
            body += '\n';
        }
        if (out.empty()) out = "--- " + before_name + "\n+++ " + after_name + "\n";
        out += hunk_header(script[first].a, a_len, script[first].b, b_len) + body;
        k = end;
    }
    return out;
}

nlohmann::json origin_json(const core::Article& a) {
    if (a.origin_name.empty() && a.origin_url.empty()) return nullptr;
    return {{"name", a.origin_name}, {"url", a.origin_url}, {"id", a.origin_id == 0 ? nlohmann::json(nullptr)
                                                                                   : nlohmann::json(a.origin_id)}};
}

nlohmann::json story_json(const store::StoryGroup& g, bool with_members) {
    nlohmann::json j = {{"id", g.id},
                        {"original_id", g.original_id},
                        {"copies", g.members.empty() ? 0 : static_cast<std::int64_t>(g.members.size()) - 1}};
    if (!with_members) return j;
    nlohmann::json members = nlohmann::json::array();
    for (const store::StoryMember& m : g.members)
        members.push_back({{"id", m.id},
                           {"source", m.source_id},
                           {"url", m.url},
                           {"title", m.title},
                           {"published", m.published ? nlohmann::json(m.published->to_iso()) : nlohmann::json(nullptr)},
                           {"relation", m.relation},
                           {"original", m.id == g.original_id}});
    j["members"] = std::move(members);
    return j;
}

std::string story_text(const core::Article& a, const store::StoryGroup* g) {
    std::string s;
    if (!a.origin_name.empty() || !a.origin_url.empty()) {
        s += "origin:     " + a.origin_name;
        if (!a.origin_url.empty()) s += (a.origin_name.empty() ? "" : "  ") + a.origin_url;
        if (a.origin_id != 0) s += "  (#" + std::to_string(a.origin_id) + ")";
        s += "\n";
    }
    if (g == nullptr || g->members.size() < 2) return s;
    s += "story:      " + std::to_string(g->members.size() - 1) + (g->members.size() == 2 ? " copy" : " copies") +
         "; original #" + std::to_string(g->original_id) + (g->original_id == a.id ? " (this one)" : "") + "\n";
    for (const store::StoryMember& m : g->members) {
        if (m.id == a.id) continue;
        s += "  #" + std::to_string(m.id) + "  " + m.source_id + "  " + iso_or_empty(m.published).substr(0, 10) + "  " +
             (m.relation.empty() ? "first stored" : m.relation) + (m.id == g->original_id ? ", original" : "") + "  " +
             m.url + "\n";
    }
    return s;
}

std::string revisions_text(const std::vector<store::Revision>& revisions) {
    std::string s;
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const store::Revision& r = revisions[i];
        s += "revision " + std::to_string(r.number) + (r.current ? " (current)" : "") + "  fetched " +
             core::format_utc(r.fetched_at) + "  capture " + r.capture.warc_file + " @" +
             std::to_string(r.capture.offset) + "  " + r.title + "\n";
        if (i == 0) continue;
        const store::Revision& prev = revisions[i - 1];
        std::string diff = unified_diff(prev.title + "\n\n" + prev.text, r.title + "\n\n" + r.text,
                                        "revision " + std::to_string(prev.number), "revision " + std::to_string(r.number));
        s += diff.empty() ? "  (same text)\n" : diff;
    }
    return s;
}

nlohmann::json revisions_json(const std::vector<store::Revision>& revisions) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < revisions.size(); ++i) {
        const store::Revision& r = revisions[i];
        std::string diff;
        if (i > 0)
            diff = unified_diff(revisions[i - 1].title + "\n\n" + revisions[i - 1].text, r.title + "\n\n" + r.text,
                                "revision " + std::to_string(revisions[i - 1].number),
                                "revision " + std::to_string(r.number));
        out.push_back({{"number", r.number},
                       {"current", r.current},
                       {"fetched_at", core::format_utc(r.fetched_at)},
                       {"capture", {{"warc", r.capture.warc_file}, {"offset", r.capture.offset}, {"length", r.capture.length}}},
                       {"title", r.title},
                       {"body_hash", r.body_hash},
                       {"diff", diff}});
    }
    return out;
}

}  // namespace dossier::cli
