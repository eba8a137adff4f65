#pragma once
// Fixture access for the feed tests: tests/fixtures/feed/<name>, read as bytes.
#include <fstream>
#include <sstream>
#include <string>

#include "dossier/feed/feed.hpp"

namespace feed_test {

/// The bytes of tests/fixtures/feed/<name>; empty when the file cannot be read.
inline std::string fixture(const std::string& name) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/feed/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// A minimal RSS 2.0 document with one item whose pubDate is `date`.
inline std::string rss_with_date(const std::string& date) {
    return "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title>"
           "<link>https://example.com/i</link><pubDate>" + date + "</pubDate></item></channel></rss>";
}

/// True when any warning contains `part`.
inline bool warned(const dossier::feed::Feed& feed, const std::string& part) {
    for (const auto& w : feed.warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace feed_test
