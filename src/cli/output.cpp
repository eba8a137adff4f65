#include "output.hpp"

#include "story_output.hpp"

#include "dossier/core/date_time.hpp"
#include "dossier/text/unicode.hpp"

namespace dossier::cli {

namespace {

std::string iso_or_empty(const std::optional<core::DateTime>& dt) { return dt ? dt->to_iso() : std::string(); }

/// The calendar date of an article for file names: published, else fetched.
std::string date_part(const core::Article& a) {
    if (a.published) return a.published->to_iso().substr(0, 10);
    return core::format_utc(a.fetched_at).substr(0, 10);
}

}  // namespace

std::string dump(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json article_json(const core::Article& a) {
    nlohmann::json j;
    j["id"] = a.id;
    j["url"] = a.url;
    j["canonical_url"] = a.canonical_url;
    j["title"] = a.title;
    j["published"] = a.published ? nlohmann::json(a.published->to_iso()) : nlohmann::json(nullptr);
    j["published_source"] = a.published_source;
    j["updated"] = a.updated ? nlohmann::json(a.updated->to_iso()) : nlohmann::json(nullptr);
    j["author"] = a.author;
    j["source"] = a.source_id;
    j["lang"] = a.lang;
    j["tags"] = a.tags;
    j["text"] = a.text;
    j["lead_image"] = a.lead_image;
    j["fetched_at"] = core::format_utc(a.fetched_at);
    j["first_seen"] = core::format_utc(a.first_seen);
    j["capture"] = {{"warc", a.capture.warc_file}, {"offset", a.capture.offset}, {"length", a.capture.length}};
    j["body_hash"] = a.body_hash;
    j["extractor_version"] = a.extractor_version;
    j["methods"] = a.methods;
    j["warnings"] = a.warnings;
    j["group_id"] = a.group_id;
    j["relation"] = a.relation;
    j["origin"] = origin_json(a);
    return j;
}

std::string article_markdown(const core::Article& a, const std::vector<std::string>& cves, std::int64_t copies) {
    // Values are written as JSON strings, which are valid YAML double-quoted scalars.
    auto q = [](const std::string& s) { return dump(nlohmann::json(s)); };
    std::string md = "---\n";
    md += "title: " + q(a.title) + "\n";
    md += "url: " + q(a.canonical_url.empty() ? a.url : a.canonical_url) + "\n";
    md += "source: " + q(a.source_id) + "\n";
    md += "date: " + q(iso_or_empty(a.published)) + "\n";
    md += "fetch_date: " + q(core::format_utc(a.fetched_at)) + "\n";
    if (!a.author.empty()) md += "author: " + q(a.author) + "\n";
    if (!a.lang.empty()) md += "lang: " + q(a.lang) + "\n";
    if (!a.tags.empty()) md += "tags: " + dump(nlohmann::json(a.tags)) + "\n";
    if (!cves.empty()) md += "cves: " + dump(nlohmann::json(cves)) + "\n";
    md += "id: " + std::to_string(a.id) + "\n";
    if (a.group_id != 0) md += "story: " + std::to_string(a.group_id) + "\n";
    if (copies >= 0) md += "copies: " + std::to_string(copies) + "\n";
    if (!a.origin_name.empty()) md += "origin: " + q(a.origin_name) + "\n";
    if (!a.origin_url.empty()) md += "origin_url: " + q(a.origin_url) + "\n";
    md += "---\n\n# " + a.title + "\n\n" + a.text + "\n";
    return md;
}

std::string markdown_file_name(const core::Article& a) {
    std::string slug;
    std::size_t chars = 0;
    bool dash = false;
    for (std::size_t i = 0; i < a.title.size() && chars < 60;) {
        const char32_t cp = text::next_codepoint(a.title, i);
        if (text::is_token_char(cp) && cp != 0xFFFD) {
            if (dash && !slug.empty()) {
                slug.push_back('-');
                ++chars;
            }
            dash = false;
            text::append_utf8(slug, cp < 0x80 ? text::fold(cp) : cp);
            ++chars;
        } else {
            dash = true;
        }
    }
    if (slug.empty()) slug = "article";
    return date_part(a) + "-" + slug + "-" + std::to_string(a.id) + ".md";
}

std::string article_text(const core::Article& a, const std::vector<std::string>& cves, const std::string& more_header) {
    std::string s = a.title + "\n";
    s += "url:        " + a.url + "\n";
    if (a.canonical_url != a.url) s += "canonical:  " + a.canonical_url + "\n";
    s += "published:  " + (a.published ? a.published->to_iso() + "  (" + a.published_source + ")" : "unknown") + "\n";
    if (!a.author.empty()) s += "author:     " + a.author + "\n";
    s += "source:     " + a.source_id + (a.lang.empty() ? "" : "  lang: " + a.lang) + "\n";
    if (!a.tags.empty()) {
        s += "tags:      ";
        for (const auto& t : a.tags) s += " " + t;
        s += "\n";
    }
    if (!cves.empty()) {
        s += "cves:      ";
        for (const auto& c : cves) s += " " + c;
        s += "\n";
    }
    s += "fetched:    " + core::format_utc(a.fetched_at) + "\n";
    s += "capture:    " + a.capture.warc_file + " @" + std::to_string(a.capture.offset) + " (" +
         std::to_string(a.capture.length) + " bytes)\n";
    s += "id:         " + std::to_string(a.id) + "\n" + more_header + "\n" + a.text + "\n";
    return s;
}

void JsonStream::item(const nlohmann::json& j) {
    std::string s = dump(j);
    if (m_lines) {
        s.push_back('\n');
    } else {
        s.insert(0, m_first ? "[\n" : ",\n");
    }
    m_first = false;
    std::fwrite(s.data(), 1, s.size(), m_out);
}

void JsonStream::close() {
    if (m_lines) return;
    std::fputs(m_first ? "[]\n" : "\n]\n", m_out);
}

}  // namespace dossier::cli
