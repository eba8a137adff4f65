// Synthetic security-news articles for the search benchmark (search_bench_gen.hpp). Words are
// Zipf-distributed over the vocabularies; each article also repeats a few "topic" words, as
// real articles do, so a mid-rank word clusters in fewer articles than independent draws would
// put it in. Planted IDs (CVE ids, IPv4 addresses, hashes, product names) are Zipf-distributed
// over their own pools.
#include "search_bench_gen.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "dossier/core/date_time.hpp"

namespace dossier::bench {
namespace {

constexpr std::uint64_t k_pool_seed = 0x1D5'0000'CAFEULL;
constexpr std::size_t k_topic_count = 6;
constexpr double k_topic_share = 0.06;     // of word slots filled with an article's topic words
constexpr double k_en_in_zh_share = 0.03;  // of Chinese word slots that hold an English word
constexpr std::size_t k_insert_slots = 600;  // planted IDs land among the first 600 words

std::string hex_string(Rng& rng, std::size_t digits) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string s(digits, '0');
    for (char& c : s) c = k_hex[rng.below(16)];
    return s;
}

/// `count` distinct strings from `make`, after the pinned ones at their ranks.
template <class Make>
std::vector<std::string> pool(std::size_t count, const std::vector<std::pair<std::size_t, std::string>>& pinned,
                              Make make) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const auto& p : pinned) seen.insert(p.second);
    std::size_t next_pin = 0;
    while (out.size() < count) {
        if (next_pin < pinned.size() && pinned[next_pin].first == out.size()) {
            out.push_back(pinned[next_pin++].second);
            continue;
        }
        std::string s = make();
        if (seen.insert(s).second) out.push_back(std::move(s));
    }
    return out;
}

/// Inserts waiting for their word slot while a body is written.
struct TextWriter {
    std::string out;
    std::vector<std::pair<std::size_t, const std::string*>> inserts;  // (word slot, text), sorted
    std::size_t next_insert = 0, word_no = 0;

    /// The insert due at the current word, or nullptr; counts the word.
    const std::string* due() {
        ++word_no;
        if (next_insert < inserts.size() && inserts[next_insert].first <= word_no) return inserts[next_insert++].second;
        return nullptr;
    }
};

void capitalize(std::string& s, std::size_t at) {
    if (at < s.size() && s[at] >= 'a' && s[at] <= 'z') s[at] = static_cast<char>(s[at] - 'a' + 'A');
}

}  // namespace

IdPools make_id_pools(std::size_t product_count) {
    IdPools p;
    Rng rng(k_pool_seed);
    p.cves = pool(8000,
                  {{0, "CVE-2021-44228"}, {1, "CVE-2025-59934"}, {5, "CVE-2024-3400"}, {40, "CVE-2025-5993"},
                   {3000, "CVE-2023-4966"}, {3001, "CVE-2023-49660"}},
                  [&] {
                      const std::int64_t number = rng.chance(0.4) ? rng.between(1000, 9999) : rng.between(10000, 59999);
                      return "CVE-" + std::to_string(rng.between(2019, 2026)) + "-" + std::to_string(number);
                  });
    p.ips = pool(4000, {{0, "185.220.101.47"}, {100, "203.0.113.45"}}, [&] {
        std::int64_t a = rng.between(11, 223);
        if (a == 127) a = 128;
        return std::to_string(a) + "." + std::to_string(rng.between(0, 255)) + "." + std::to_string(rng.between(0, 255)) +
               "." + std::to_string(rng.between(1, 254));
    });
    p.sha256s = pool(4000, {}, [&] { return hex_string(rng, 64); });
    p.md5s = pool(3000, {}, [&] { return hex_string(rng, 32); });
    p.cve_zipf = Zipf(p.cves.size());
    p.ip_zipf = Zipf(p.ips.size());
    p.sha_zipf = Zipf(p.sha256s.size());
    p.md5_zipf = Zipf(p.md5s.size());
    p.product_zipf = Zipf(product_count);
    return p;
}

Generator::Generator(const Vocabularies& vocab, const IdPools& pools, std::uint64_t seed, std::int64_t n)
    : m_vocab(vocab),
      m_pools(pools),
      m_seed(seed),
      m_n(std::max<std::int64_t>(n, 1)),
      m_zh_source_zipf(vocab.lists.zh_sources.size(), 0.8),
      m_en_source_zipf(vocab.lists.en_sources.size(), 0.8),
      m_tag_zipf(vocab.lists.tags.size(), 1.0) {}

std::vector<std::pair<std::string, std::string>> Generator::sources() const {
    std::vector<std::pair<std::string, std::string>> all;
    for (const std::string& id : m_vocab.lists.zh_sources) all.emplace_back(id, "zh");
    for (const std::string& id : m_vocab.lists.en_sources) all.emplace_back(id, "en");
    return all;
}

std::vector<std::string> Generator::planted_ids(Rng& rng, bool zh) const {
    std::vector<std::string> ids;
    auto add = [&](const std::vector<std::string>& from, const Zipf& z, std::size_t count) {
        for (std::size_t k = 0; k < count; ++k) {
            const std::string& id = from[z(rng)];
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    };
    if (!rng.chance(0.35)) add(m_pools.cves, m_pools.cve_zipf, 1 + rng.below(zh ? 3 : 4));
    if (rng.chance(0.15)) add(m_pools.ips, m_pools.ip_zipf, 1 + rng.below(4));
    if (rng.chance(0.05)) add(m_pools.sha256s, m_pools.sha_zipf, 1 + rng.below(4));
    if (rng.chance(0.04)) add(m_pools.md5s, m_pools.md5_zipf, 1 + rng.below(3));
    if (rng.chance(0.7)) add(m_vocab.lists.products, m_pools.product_zipf, 1 + rng.below(3));
    return ids;
}

const std::string& Generator::word(Rng& rng, bool zh, const std::vector<std::string>& topics) const {
    if (rng.chance(k_topic_share)) return topics[rng.below(topics.size())];
    return zh ? m_vocab.zh.draw(rng) : m_vocab.en.draw(rng);
}

std::string Generator::body(Rng& rng, bool zh, const std::vector<std::string>& topics,
                            const std::vector<std::string>& inserts) const {
    const std::size_t target = 4000 + rng.below(2001);
    TextWriter w;
    w.out.reserve(target + 400);
    for (const std::string& s : inserts) w.inserts.emplace_back(rng.below(k_insert_slots), &s);
    std::sort(w.inserts.begin(), w.inserts.end());
    while (w.out.size() < target) {
        if (!w.out.empty()) w.out += "\n\n";
        const std::size_t sentences = zh ? 2 + rng.below(4) : 3 + rng.below(4);
        for (std::size_t s = 0; s < sentences; ++s) {
            const std::size_t len = zh ? 5 + rng.below(11) : 8 + rng.below(18);
            if (!zh && s > 0) w.out += ' ';
            const std::size_t sentence_start = w.out.size();
            for (std::size_t k = 0; k < len; ++k) {
                if (!zh && k > 0) w.out += ' ';
                if (const std::string* ins = w.due()) {
                    w.out += zh && rng.chance(0.6) ? " " + *ins + " " : *ins + (zh ? "" : " ");
                }
                if (zh && rng.chance(k_en_in_zh_share)) w.out += " " + m_vocab.en.draw(rng) + " ";
                else w.out += word(rng, zh, topics);
                if (k + 1 < len && rng.chance(zh ? 0.12 : 0.07)) w.out += zh ? "，" : ",";
            }
            if (!zh) capitalize(w.out, sentence_start);
            w.out += zh ? "。" : ".";
        }
    }
    for (; w.next_insert < w.inserts.size(); ++w.next_insert)
        w.out += (zh ? "\n\n相关：" : "\n\nRelated: ") + *w.inserts[w.next_insert].second + (zh ? "。" : ".");
    return w.out;
}

std::string Generator::title(Rng& rng, bool zh, const std::vector<std::string>& inserts) const {
    std::string t;
    const bool with_id = !inserts.empty() && rng.chance(0.4);
    if (zh) {
        const std::size_t target = 30 + 3 * rng.below(11);  // 10-20 Han characters, in bytes
        if (with_id) t = inserts.front() + " ";
        while (t.size() < target) t += m_vocab.zh.draw(rng);
        return t;
    }
    const std::size_t words = 7 + rng.below(7);
    const std::size_t id_at = rng.below(words);
    for (std::size_t k = 0; k < words; ++k) {
        if (k > 0) t += ' ';
        t += with_id && k == id_at ? inserts.front() : m_vocab.en.draw(rng);
    }
    capitalize(t, 0);
    return t;
}

void Generator::set_dates(Rng& rng, std::int64_t index, bool zh, core::Article& a) const {
    constexpr std::int64_t k_day = 86400;
    const std::int64_t start = core::days_from_civil(2021, 1, 1) * k_day;
    const std::int64_t span = 1826 * k_day;  // five years
    const std::int64_t base = start + static_cast<std::int64_t>(static_cast<double>(span) *
                                                                static_cast<double>(index) / static_cast<double>(m_n));
    // A crawl finds most articles within hours, and now and then an old one.
    const std::int64_t pub = rng.chance(0.05) ? base - rng.between(1, 90) * k_day : base - rng.between(0, 6 * 3600);
    a.first_seen = base + rng.between(600, 36 * 3600);
    a.fetched_at = a.first_seen;
    if (rng.chance(0.03)) return;  // no date on the page: search falls back to first_seen
    core::DateTime d;
    if (rng.chance(0.1)) {
        d.seconds = pub - pub % k_day;
        d.precision = core::DateTime::Precision::date;
    } else if (zh) {
        d.seconds = pub;
        d.offset_minutes = 480;
    } else {
        d.seconds = pub;
        if (!rng.chance(0.3)) d.offset_minutes = rng.chance(0.6) ? 0 : -300;
    }
    a.published = d;
    a.published_source = "meta:article:published_time";
}

core::Article Generator::make(std::int64_t index, TruthCounts* truth) const {
    Rng rng = Rng::for_item(m_seed, static_cast<std::uint64_t>(index));
    core::Article a;
    const bool zh = rng.chance(0.5);
    const auto& srcs = zh ? m_vocab.lists.zh_sources : m_vocab.lists.en_sources;
    a.source_id = srcs[(zh ? m_zh_source_zipf : m_en_source_zipf)(rng)];
    a.lang = zh ? "zh" : "en";
    set_dates(rng, index, zh, a);
    int year = 0;
    unsigned month = 0, day = 0;
    core::civil_from_days(a.first_seen / 86400, year, month, day);
    a.url = "https://" + a.source_id + ".example/" + std::to_string(year) + "/" + std::to_string(month) + "/a" +
            std::to_string(index) + ".html";
    a.canonical_url = a.url;
    const std::vector<std::string> ids = planted_ids(rng, zh);
    std::vector<std::string> inserts;
    for (const std::string& id : ids)
        for (std::size_t k = 0, n = id.rfind("CVE-", 0) == 0 ? 1 + rng.below(3) : 1; k < n; ++k) inserts.push_back(id);
    std::vector<std::string> topics;
    const Vocabulary& v = zh ? m_vocab.zh : m_vocab.en;
    while (topics.size() < k_topic_count) {
        const std::size_t rank = v.zipf(rng);
        if (rank >= 30) topics.push_back(v.words[rank]);
    }
    a.title = title(rng, zh, inserts);
    a.text = body(rng, zh, topics, inserts);
    for (std::size_t k = 0, n = rng.chance(0.2) ? 0 : 1 + rng.below(4); k < n; ++k) {
        const std::string& tag = m_vocab.lists.tags[m_tag_zipf(rng)];
        if (std::find(a.tags.begin(), a.tags.end(), tag) == a.tags.end()) a.tags.push_back(tag);
    }
    a.author = rng.chance(0.5) ? "" : "Author " + std::to_string(rng.below(400));
    a.body_hash = hex_string(rng, 32);
    a.extractor_version = "bench_search";
    if (truth)
        for (const std::string& id : ids)
            if (auto it = truth->find(id); it != truth->end()) ++it->second;
    return a;
}

}  // namespace dossier::bench
