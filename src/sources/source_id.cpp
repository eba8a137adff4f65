// Ids and Sources for feeds imported from OPML. An id is also a file name and what a user types
// after --source, so it is short, lower-case ASCII and stable for the same feed.
#include "dossier/sources/source_id.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "field_checks.hpp"

namespace dossier::sources {
namespace {

constexpr std::size_t k_max_id = 64;
constexpr std::size_t k_max_base = 40;  // leaves room for "-NN" and keeps ids typeable

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Decodes the UTF-8 sequence at s[i] and advances i; a bad byte reads as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned lead = byte(i);
    std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) {
        ++i;
        return U'\uFFFD';
    }
    char32_t cp = n == 1 ? lead : lead & (0x7FU >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0U) != 0x80U) {
            ++i;
            return U'\uFFFD';
        }
        cp = (cp << 6) | (byte(i + k) & 0x3FU);
    }
    i += n;
    return cp;
}

// Punctuation and symbols that may sit in an English title ("SecurityWeek » Feed", "A – B").
bool is_symbol(char32_t c) {
    return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x2190 && c <= 0x21FF);
}

// Lower-case ASCII letter/digit runs of `s`, in order.
std::vector<std::string> ascii_words(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    for (char c : core::to_lower_ascii(s)) {
        if (is_lower_alnum(c)) {
            cur += c;
        } else if (!cur.empty()) {
            words.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

// Joins words with '-' up to k_max_base characters (a first word that is too long is cut).
std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (out.empty()) out = w.substr(0, k_max_base);
        else if (out.size() + 1 + w.size() <= k_max_base) out += "-" + w;
        else break;
    }
    return out;
}

// Words that say what a feed is, not whose it is.
bool generic(std::string_view word) {
    static constexpr std::array<std::string_view, 4> k_generic{"feed", "rss", "atom", "xml"};
    return std::find(k_generic.begin(), k_generic.end(), word) != k_generic.end();
}

// The part before a tagline: "The Hacker News | #1 Trusted ..." -> "The Hacker News".
std::string_view drop_tagline(std::string_view title) {
    static constexpr std::array<std::string_view, 8> k_separators{
        " - ", " \u2013 ", " \u2014 ", " | ", " \u00bb ", " \u00b7 ", ": ", " :: "};
    std::size_t cut = title.size();
    for (std::string_view sep : k_separators) cut = std::min(cut, title.find(sep));
    const std::string_view head = title.substr(0, cut);
    const auto words = ascii_words(head);
    const bool names_something = std::any_of(words.begin(), words.end(), [](const std::string& w) { return !generic(w); });
    return names_something ? head : title;
}

std::string title_slug(std::string_view title) {
    title = core::trim(drop_tagline(core::trim(title)));
    for (std::size_t i = 0; i < title.size();) {
        const char32_t c = next_code_point(title, i);
        if (c >= 0x80 && !is_symbol(c)) return {};  // Chinese, accented, ...: use the host
    }
    auto words = ascii_words(title);
    while (words.size() > 1 && generic(words.back())) words.pop_back();
    while (words.size() > 1 && generic(words.front())) words.erase(words.begin());
    return join_words(words);
}

bool is_feed_proxy(std::string_view host) {
    return host == "feeds.feedburner.com" || host == "feeds2.feedburner.com" || host == "feedproxy.google.com";
}

std::string host_slug(std::string_view url) {
    const auto u = core::Url::parse(core::trim(url));
    if (!u || u->host.empty() || u->host.front() == '[') return {};
    if (is_feed_proxy(u->host)) {  // feeds.feedburner.com/TheHackersNews: the name is the path
        const auto segments = core::split(u->path, '/');
        if (segments.size() > 1 && !ascii_words(segments[1]).empty()) return join_words(ascii_words(segments[1]));
    }
    std::vector<std::string> labels;
    for (std::string_view l : core::split(u->host, '.'))
        if (!l.empty()) labels.emplace_back(l);
    if (labels.empty() || std::all_of(u->host.begin(), u->host.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); }))
        return {};  // an IPv4 address names no site
    // Public suffix: the TLD, plus a second level under a country code (com.cn, co.uk, ne.jp).
    static constexpr std::array<std::string_view, 10> k_second_level{"com", "net", "org", "gov", "edu",
                                                                      "ac",  "co",  "ne",  "or",  "go"};
    if (labels.size() > 1) {
        const bool country = labels.back().size() == 2;
        labels.pop_back();
        if (country && labels.size() > 1 &&
            std::find(k_second_level.begin(), k_second_level.end(), labels.back()) != k_second_level.end())
            labels.pop_back();
    }
    static constexpr std::array<std::string_view, 7> k_service{"www", "www2", "api", "feeds", "feed", "rss", "m"};
    while (labels.size() > 1 && std::find(k_service.begin(), k_service.end(), labels.front()) != k_service.end())
        labels.erase(labels.begin());
    std::vector<std::string> words;
    for (const std::string& l : labels)
        for (std::string& w : ascii_words(l)) words.push_back(std::move(w));
    return join_words(words);
}

// "zh" for Han, "ja" when there is kana, "ko" for Hangul; empty otherwise.
std::string guess_lang(std::string_view title) {
    bool han = false;
    bool kana = false;
    bool hangul = false;
    for (std::size_t i = 0; i < title.size();) {
        const char32_t c = next_code_point(title, i);
        han = han || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
        kana = kana || (c >= 0x3040 && c <= 0x30FF);
        hangul = hangul || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF);
    }
    if (kana) return "ja";
    if (hangul) return "ko";
    return han ? "zh" : "";
}

// Host without "www." and path without a trailing '/', scheme dropped: one feed, many spellings.
std::string feed_url_key(std::string_view url) {
    const auto u = core::Url::parse(core::trim(url));
    if (!u) return std::string(core::trim(url));
    std::string host = u->host;
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    std::string path = u->path;
    while (!path.empty() && path.back() == '/') path.pop_back();
    std::string key = host + (u->port.empty() ? "" : ":" + u->port) + path;
    if (u->query) key += "?" + *u->query;
    return key;
}

}  // namespace

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > k_max_id || !is_lower_alnum(id.front())) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return is_lower_alnum(c) || c == '-' || c == '_'; });
}

std::string make_id(std::string_view title, std::string_view url, const std::set<std::string>& taken) {
    std::string base = title_slug(title);
    if (base.empty()) base = host_slug(url);
    if (base.empty()) base = "feed";
    if (taken.count(base) == 0) return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + "-" + std::to_string(n);
        if (taken.count(candidate) == 0) return candidate;
    }
}

core::Result<core::Source> source_from_import(const ImportedFeed& feed, const std::set<std::string>& taken) {
    const std::string xml_url(core::trim(feed.xml_url));
    if (url_problem(xml_url)) return core::fail("sources: not an http(s) feed url: " + feed.xml_url);
    const std::string html_url(core::trim(feed.html_url));
    const bool has_site = !html_url.empty() && !url_problem(html_url);
    core::Source s;
    s.id = make_id(feed.title, has_site ? html_url : xml_url, taken);
    const std::string_view title = core::trim(feed.title);
    s.name = title.empty() ? s.id : std::string(title);
    if (has_site) {
        s.homepage = html_url;
    } else {
        const auto u = core::Url::parse(xml_url);
        s.homepage = u->scheme + "://" + u->authority() + "/";
    }
    s.lang = guess_lang(feed.title);
    if (const std::string_view cat = core::trim(feed.category); !cat.empty()) s.tags.emplace_back(cat);
    core::IndexSpec ix;
    ix.kind = core::IndexSpec::Kind::feed;
    ix.url = xml_url;
    s.index.push_back(std::move(ix));
    return s;
}

const core::Source* find_by_index_url(const std::vector<core::Source>& sources, std::string_view url) {
    const std::string key = feed_url_key(url);
    for (const core::Source& s : sources)
        for (const core::IndexSpec& ix : s.index)
            if (feed_url_key(ix.url) == key) return &s;
    return nullptr;
}

}  // namespace dossier::sources
