// The search benchmark's query set (search_bench_queries.hpp).
#include "search_bench_queries.hpp"

#include <set>

#include "dossier/core/date_time.hpp"

namespace dossier::bench {
namespace {

/// Counts the code points of UTF-8 `s`.
std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) next_code_point(s, i);
    return n;
}

/// The first single word at rank >= `rank` with at least `min_chars` code points that is not
/// in `used`, with its rank.
std::pair<std::string, std::size_t> word_near(const Vocabulary& v, std::size_t rank, std::size_t min_chars,
                                              const std::set<std::string>& used = {}) {
    for (std::size_t r = std::min(rank, v.words.size() - 1); r < v.words.size(); ++r) {
        const std::string& w = v.words[r];
        if (code_points(w) >= min_chars && w.find(' ') == std::string::npos && !used.count(w)) return {w, r};
    }
    return {v.words.back(), v.words.size() - 1};
}

/// The rank of `w` in `v` as text ("zh rank 12"), or "not in vocabulary".
std::string rank_note(const Vocabulary& v, const std::string& w, const char* lang) {
    for (std::size_t r = 0; r < v.words.size(); ++r)
        if (v.words[r] == w) return std::string(lang) + " rank " + std::to_string(r);
    return "not a vocabulary word";
}

class QuerySet {
public:
    QuerySet(const Vocabularies& v, const IdPools& p) : m_v(v), m_p(p) {}

    void add(const std::string& cls, std::string text, std::string note = {}, std::string truth = {}) {
        BenchQuery q;
        q.cls = cls;
        q.text = std::move(text);
        q.note = std::move(note);
        q.truth_key = std::move(truth);
        m_used.insert(q.text);
        m_out.push_back(std::move(q));
    }
    void add_filtered(std::string text, store::ArticleFilter f, std::string note) {
        add("filtered", std::move(text), std::move(note));
        m_out.back().filter = std::move(f);
    }
    /// A vocabulary word near `rank` with >= min_chars characters, as a query of class `cls`.
    void add_ranked(const std::string& cls, const Vocabulary& v, std::size_t rank, std::size_t min_chars,
                    const char* lang) {
        const auto [w, r] = word_near(v, rank, min_chars, m_used);
        add(cls, w, std::string(lang) + " rank " + std::to_string(r));
    }
    void add_words(const std::string& cls, const Vocabulary& v, const std::vector<std::string>& words,
                   const char* lang) {
        for (const std::string& w : words) add(cls, w, rank_note(v, w, lang));
    }

    void chinese();
    void english();
    void ids();
    void filtered();
    void boolean();
    std::vector<BenchQuery> take() { return std::move(m_out); }

private:
    const Vocabularies& m_v;
    const IdPools& m_p;
    std::vector<BenchQuery> m_out;
    std::set<std::string> m_used;  // query texts so far: no query twice
};

void QuerySet::chinese() {
    const Vocabulary& zh = m_v.zh;
    add_words("zh-common", zh, {"漏洞", "安全", "攻击", "数据", "勒索软件", "供应链"}, "zh");
    add_ranked("zh-common", zh, zh.hand_written, 2, "zh");  // the fixtures' most frequent string
    const std::size_t fixture_mid = zh.hand_written + zh.from_fixtures / 2;
    add_ranked("zh-rare", zh, fixture_mid, 4, "zh");
    add_ranked("zh-rare", zh, zh.hand_written + zh.from_fixtures - 1, 3, "zh");
    add_ranked("zh-rare", zh, zh.hand_written + zh.from_fixtures + 100, 3, "zh");
    add_ranked("zh-rare", zh, zh.words.size() * 6 / 10, 3, "zh");
    add_ranked("zh-rare", zh, zh.words.size() * 9 / 10, 4, "zh");
    add_ranked("zh-rare", zh, zh.words.size() - 200, 3, "zh");
    add("zh-1char", "的", rank_note(zh, "的", "zh"));
    add("zh-1char", "漏", "in 漏洞");
    for (std::size_t r : {std::size_t{0}, std::size_t{300}, std::size_t{1500}}) {
        while (r + 1 < m_v.zh_chars.size() && m_used.count(m_v.zh_chars[r])) ++r;
        if (r < m_v.zh_chars.size()) add("zh-1char", m_v.zh_chars[r], "fixture character rank " + std::to_string(r));
    }
    add("zh-phrase", "远程代码执行", rank_note(zh, "远程代码执行", "zh"));
    add("zh-phrase", "\"安全漏洞\"", "two common words, adjacent");
    add("zh-phrase", "\"勒索软件攻击\"", "two common words, adjacent");
    add("zh-phrase", "零日漏洞 在野利用", "AND of two mid-rank words");
    add("zh-phrase", "漏洞 利用 补丁", "AND of three common words");
}

void QuerySet::english() {
    const Vocabulary& en = m_v.en;
    add_words("en-common", en, {"the", "security", "vulnerability", "attackers", "ransomware", "data"}, "en");
    add_ranked("en-rare", en, 1000, 5, "en");
    for (std::size_t r : {5000u, 12000u, 20000u, 30000u}) add_ranked("en-rare", en, r, 5, "en");
    add_ranked("en-rare", en, en.words.size() - 100, 5, "en");
    add("en-phrase", "\"remote code execution\"", rank_note(en, "remote code execution", "en"));
    add("en-phrase", "\"supply chain attack\"", rank_note(en, "supply chain attack", "en"));
    add("en-phrase", "\"proof of concept\"", rank_note(en, "proof of concept", "en"));
    add("en-phrase", "\"threat actors\"", rank_note(en, "threat actors", "en"));
    add("en-phrase", "\"of the\"", "two very common words, adjacent");
    add("en-phrase", "\"security update\" patch", "phrase AND word");
}

void QuerySet::ids() {
    for (const char* c : {"CVE-2021-44228", "CVE-2025-59934", "CVE-2025-5993", "CVE-2023-4966", "CVE-2023-49660"})
        add("id", c, "pinned CVE", c);
    add("id", m_p.cves[7000], "CVE rank 7000", m_p.cves[7000]);
    add("id", m_p.ips[0], "IPv4 rank 0", m_p.ips[0]);
    add("id", m_p.ips[3000], "IPv4 rank 3000", m_p.ips[3000]);
    add("id", m_p.sha256s[10], "SHA-256 rank 10", m_p.sha256s[10]);
    add("id", m_p.md5s[2000], "MD5 rank 2000", m_p.md5s[2000]);
    for (const char* product : {"Notepad++", "FortiOS", ".NET", "C#", "Log4j2", "Exchange", "Chrome"})
        add("id", product, "product");
    add("id", "cve:CVE-2025-59934", "cve: filter (article_cves)", "CVE-2025-59934");
    add("id", "cve:CVE-2025-5993", "cve: filter (article_cves)", "CVE-2025-5993");
}

void QuerySet::filtered() {
    add("filtered", "漏洞 source:freebuf", "common zh word, top zh source");
    add("filtered", "ransomware lang:en since:2025-01-01", "common en word, last year");
    add("filtered", "勒索软件 tag:ransomware", "common word and common tag");
    add("filtered", "CVE-2021-44228 since:2024-01-01 until:2024-07-01", "common CVE, half a year");
    add("filtered", "漏洞 lang:zh until:2021-03-01", "common word, oldest two months");
    add("filtered", "source:bleepingcomputer", "filter only");
    add("filtered", "lang:zh since:2025-06-01", "filter only");
    add("filtered", "tag:apt", "filter only");
    store::ArticleFilter f;
    f.sources = {"securityweek", "darkreading"};
    add_filtered("attackers", f, "ArticleFilter.sources = securityweek, darkreading");
    store::ArticleFilter g;
    g.lang = "zh";
    g.since = utc_midnight(2023, 1, 1);
    g.until = utc_midnight(2023, 2, 1);
    add_filtered("数据", g, "ArticleFilter.lang = zh, since/until = January 2023");
    store::ArticleFilter h;
    h.lang = "zh";
    add_filtered("security", h, "ArticleFilter.lang = zh (English word in Chinese text)");
    store::ArticleFilter k;
    k.sources = {"cnvd"};
    add_filtered(word_near(m_v.en, 20000, 5).first, k, "rare en word, ArticleFilter.sources = cnvd");
}

void QuerySet::boolean() {
    add("boolean", "漏洞 OR 勒索", "two common words");
    add("boolean", "ransomware -bitcoin", "common minus mid");
    add("boolean", "(ransomware OR extortion) healthcare", "group");
    add("boolean", "漏洞 -补丁", "common minus common");
    add("boolean", "explo*", "prefix of common words");
    add("boolean", "title:勒索软件", "column filter");
    add("boolean", "CVE-2025-59934 OR CVE-2025-5993", "two CVE ids");
    add("boolean", word_near(m_v.en, 12000, 5).first + " OR " + word_near(m_v.en, 30000, 5).first, "two rare words");
}

}  // namespace

std::int64_t utc_midnight(int year, unsigned month, unsigned day) {
    return core::days_from_civil(year, month, day) * 86400;
}

std::vector<BenchQuery> make_queries(const Vocabularies& vocab, const IdPools& pools) {
    QuerySet s(vocab, pools);
    s.chinese();
    s.english();
    s.ids();
    s.filtered();
    s.boolean();
    return s.take();
}

std::vector<std::string> query_classes() {
    return {"zh-common", "zh-rare", "zh-1char", "zh-phrase", "en-common", "en-rare",
            "en-phrase", "id",      "filtered", "boolean"};
}

TruthCounts tracked_ids(const std::vector<BenchQuery>& queries) {
    TruthCounts t;
    for (const BenchQuery& q : queries)
        if (!q.truth_key.empty()) t.emplace(q.truth_key, 0);
    return t;
}

}  // namespace dossier::bench
