#pragma once
// How articles look on stdout and on disk: JSON objects, Markdown files, terminal text.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "dossier/core/article.hpp"

namespace dossier::cli {

/// The JSON object of an article: id, url, canonical_url, title, published (ISO 8601 with its
/// offset, or a date), published_source, author, source, lang, tags, text, fetched_at and more.
nlohmann::json article_json(const core::Article& a);

/// A Markdown document: YAML front matter (title, url, source, date, fetch_date, author, lang,
/// tags, cves when given), then "# title" and the body.
/// `copies` (the other members of its story) is written when >= 0.
std::string article_markdown(const core::Article& a, const std::vector<std::string>& cves = {},
                             std::int64_t copies = -1);

/// A file name for an article that cannot leave its folder: "<date>-<slug>-<id>.md", the slug
/// made of the title's letters and digits (any script) joined by '-', at most 60 characters.
std::string markdown_file_name(const core::Article& a);

/// The article for a human: header lines (with its CVE ids when given, then `more_header`,
/// whole lines), then the body.
std::string article_text(const core::Article& a, const std::vector<std::string>& cves = {},
                         const std::string& more_header = {});

/// Output format of read commands.
enum class Format { text, json, jsonl };

/// Writes a JSON array or JSON Lines to a FILE* one item at a time (memory does not grow with
/// the number of items). JSON output is "[]" when nothing was written.
class JsonStream {
public:
    JsonStream(std::FILE* out, bool lines) : m_out(out), m_lines(lines) {}
    void item(const nlohmann::json& j);
    void close();

private:
    std::FILE* m_out;
    bool m_lines;
    bool m_first = true;
};

/// Serialises JSON compactly, replacing invalid UTF-8 rather than throwing.
std::string dump(const nlohmann::json& j, int indent = -1);

}  // namespace dossier::cli
