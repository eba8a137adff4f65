#pragma once
// Building the dedup quality set from tests/fixtures/dedup (see its README.md): the real texts,
// and the copies, excerpts, edits and template wrappings derived from them deterministically.
#include <string>
#include <string_view>
#include <vector>

namespace dossier::dedup::quality {

struct Doc {
    std::string name;  ///< file name relative to tests/fixtures/dedup
    std::string text;
    bool cjk = false;  ///< mostly Han/kana/Hangul: chrome and edits in that script
};

/// The .txt files of tests/fixtures/dedup/<dir>, sorted by name.
std::vector<Doc> load_docs(const std::string& dir);

/// The file tests/fixtures/dedup/<path> (empty when missing).
std::string load_text(const std::string& path);

/// The text with a navigation line, an attribution line, a related-articles list, an editor
/// credit, a repost notice and a copyright footer around it, in the doc's script.
std::string with_chrome(const Doc& doc);

/// The code points from `from` to `to` (fractions of the text), moved to the nearest white
/// space when there is one within 20 code points.
std::string excerpt(std::string_view text, double from, double to);

/// Every 30th word (every 40th CJK character) changed and every 12th sentence dropped; `seed`
/// shifts which ones.
std::string light_edit(std::string_view text, std::size_t seed);

/// The paragraphs in reverse order.
std::string reverse_paragraphs(std::string_view text);

/// The first paragraphs of `text`, up to about `max_chars` code points, as a short article.
std::string short_article(std::string_view text, std::size_t max_chars);

/// `tmpl` with its "{{body}}" line replaced by `body`.
std::string wrap(std::string_view tmpl, std::string_view body);

}  // namespace dossier::dedup::quality
