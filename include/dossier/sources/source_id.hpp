#pragma once
// Ids for new sources (dossier sources import-opml) and building a Source from an OPML outline.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/core/source.hpp"

namespace dossier::sources {

/// True when `id` is a valid source id: 1-64 characters of a-z, 0-9, '-' and '_', starting with
/// a letter or a digit (it is also the file name, so it must be portable).
bool is_valid_id(std::string_view id);

/// A new id for a feed, never empty and always is_valid_id. From the title when its letters are
/// ASCII ("Krebs on Security" -> "krebs-on-security"; a tagline after " - ", " | ", " » " ... and
/// words like "feed"/"rss" at the ends are dropped), else from the URL's host with www., api.,
/// feeds., feed., rss., m. and the public suffix dropped ("https://www.freebuf.com/feed" ->
/// "freebuf", "paper.seebug.org" -> "paper-seebug"; FeedBurner URLs use the feed's path name).
/// Falls back to "feed". Made unique against `taken` by a suffix -2, -3, ...
std::string make_id(std::string_view title, std::string_view url, const std::set<std::string>& taken);

/// One feed as an OPML outline gives it (the feed module parses the OPML).
struct ImportedFeed {
    std::string title;     ///< outline text/title; may be empty or Chinese
    std::string xml_url;   ///< the feed
    std::string html_url;  ///< the site; may be empty
    std::string category;  ///< enclosing outline's name; may be empty
};

/// A new enabled Source for `feed`: id from make_id (title, else html_url's host, else
/// xml_url's), name = title (else the id), homepage = html_url (else the feed's origin "https://host/"),
/// one [[index]] kind = "feed", tags = [category] when given, lang guessed from the title's
/// script only (Han -> "zh", kana -> "ja", Hangul -> "ko", else unset). Fails with
/// "sources: not an http(s) feed url: <xml_url>" when xml_url is not an absolute http(s) URL.
core::Result<core::Source> source_from_import(const ImportedFeed& feed, const std::set<std::string>& taken);

/// The source whose [[index]] url is the same feed as `url` (scheme, host case, a trailing '/'
/// and a "www." prefix ignored), or nullptr. For reporting duplicates on import.
const core::Source* find_by_index_url(const std::vector<core::Source>& sources, std::string_view url);

}  // namespace dossier::sources
