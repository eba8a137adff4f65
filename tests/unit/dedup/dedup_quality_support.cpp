// Deterministic variants of real texts for dedup_quality_test.cpp. Positions, not random
// numbers, choose what changes, so the figures the test prints are the same on every run.
#include "dedup_quality_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dossier/text/unicode.hpp"

namespace dossier::dedup::quality {

namespace {

const std::string k_root = std::string(DOSSIER_FIXTURES) + "/dedup/";

bool mostly_cjk(std::string_view s) {
    std::size_t cjk = 0;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_codepoint(s, i);
        if (text::is_cjk(cp)) ++cjk;
        if (text::is_token_char(cp)) ++letters;
    }
    return cjk * 3 > letters;
}

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < s.size();) cps.push_back(text::next_codepoint(s, i));
    return cps;
}

std::string encode(const std::vector<char32_t>& cps, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) text::append_utf8(out, cps[i]);
    return out;
}

bool is_space(char32_t cp) { return cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x3000; }

bool ends_sentence(char32_t cp) { return cp == '.' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?'; }

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    }
    return lines;
}

/// Changes every `step`th word (or CJK character) from `seed % step` on.
std::string change_words(std::string_view text, std::size_t seed) {
    const std::vector<char32_t> cps = decode(text);
    std::string out;
    std::size_t words = 0;
    std::size_t cjk = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        if (text::is_cjk(cp)) {
            ++cjk;
            text::append_utf8(out, (cjk + seed) % 40 == 0 ? U'\u6539' : cp);  // 改
            continue;
        }
        const bool word_char = text::is_token_char(cp);
        if (word_char && !in_word && (++words + seed) % 30 == 0) out += "changed";
        in_word = word_char;
        text::append_utf8(out, cp);
    }
    return out;
}

}  // namespace

std::vector<Doc> load_docs(const std::string& dir) {
    std::vector<Doc> docs;
    for (const auto& entry : std::filesystem::directory_iterator(k_root + dir)) {
        if (entry.path().extension() != ".txt") continue;
        Doc doc;
        doc.name = dir + "/" + entry.path().filename().string();
        doc.text = load_text(doc.name);
        doc.cjk = mostly_cjk(doc.text);
        docs.push_back(std::move(doc));
    }
    std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) { return a.name < b.name; });
    return docs;
}

std::string load_text(const std::string& path) {
    std::ifstream in(k_root + path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string with_chrome(const Doc& doc) {
    if (doc.cjk) {
        return "首页 > 新闻 > 科技\n本文转载自：某某科技网\n\n" + doc.text +
               "\n\n相关文章\n手机厂商发布新一代折叠屏产品\n专家解读：数据安全法实施一周年\n"
               "责任编辑：王小明\n转载请注明出处：https://news.example.cn/a/123.html\n© 2024 某某网 版权所有\n";
    }
    return "Home > News > Technology\nSource: Example Wire\n\n" + doc.text +
           "\n\nRelated stories\nPhone makers unveil new foldable devices\nWhat the new data law means for you\n"
           "This article originally appeared on Example News.\nCopyright 2024 Example Media. All rights reserved.\n";
}

std::string excerpt(std::string_view text, double from, double to) {
    const std::vector<char32_t> cps = decode(text);
    const auto n = static_cast<double>(cps.size());
    auto begin = static_cast<std::size_t>(from * n);
    auto end = static_cast<std::size_t>(to * n);
    for (std::size_t k = 0; k < 20 && begin > 0 && begin < cps.size() && !is_space(cps[begin - 1]); ++k) ++begin;
    for (std::size_t k = 0; k < 20 && end < cps.size() && end > begin && !is_space(cps[end]); ++k) --end;
    return encode(cps, std::min(begin, cps.size()), std::min(end, cps.size()));
}

std::string light_edit(std::string_view text, std::size_t seed) {
    const std::vector<char32_t> cps = decode(change_words(text, seed));
    std::string out;
    std::size_t sentence = seed;
    std::size_t start = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (!ends_sentence(cps[i]) && cps[i] != '\n' && i + 1 != cps.size()) continue;
        if (++sentence % 12 != 0 || cps[i] == '\n') out += encode(cps, start, i + 1);
        start = i + 1;
    }
    return out;
}

std::string reverse_paragraphs(std::string_view text) {
    std::vector<std::string> lines = split_lines(text);
    std::reverse(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) out += line + "\n\n";
    return out;
}

std::string short_article(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    for (const std::string& line : split_lines(text)) {
        out += line + "\n\n";
        chars += decode(line).size() + 2;
        if (chars >= max_chars) break;
    }
    return excerpt(out, 0.0, static_cast<double>(std::min(max_chars, chars)) / static_cast<double>(std::max<std::size_t>(chars, 1)));
}

std::string wrap(std::string_view tmpl, std::string_view body) {
    std::string out(tmpl);
    const std::size_t at = out.find("{{body}}");
    if (at != std::string::npos) out.replace(at, 8, body);
    return out;
}

}  // namespace dossier::dedup::quality
