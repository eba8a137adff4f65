#pragma once
// Private to extract/: one page under extraction and what every field stage reads from it
// (the <meta> tags, JSON-LD, <title>, site names), gathered once.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boilerplate.hpp"
#include "dossier/extract/extract.hpp"
#include "dossier/html/document.hpp"

namespace dossier::extract::detail {

/// A value and the cascade stage that produced it ("json-ld:headline", "meta:og:title").
template <class T>
struct Field {
    T value;
    std::string method;
};

struct MetaTag {
    std::string key;    ///< name, property, itemprop or http-equiv, lower-case
    std::string value;  ///< content (or value, which some saved pages use instead)
};

/// What the page's JSON-LD says about its article. Empty strings when absent.
struct JsonLd {
    std::string headline;  ///< "headline", else "name"
    std::string name;      ///< "name" when it differs from a present "headline", else empty
    std::string date_published;
    std::string date_modified;
    std::vector<std::string> authors;
    std::vector<std::string> keywords;
    std::string image;
    std::string url;
    std::string in_language;
    std::string publisher;
};

struct Page {
    const html::Document& doc;
    std::string_view url;
    const Hints& hints;
    const Options& opts;
    std::vector<MetaTag> metas;
    JsonLd ld;
    std::string title_tag;                      ///< <title>, whitespace collapsed
    std::vector<std::string> site_names;        ///< og:site_name, application-name, JSON-LD publisher
    std::string headline;                       ///< the title chosen for the article
    mutable std::vector<std::string> warnings;  ///< Article::warnings, added to by any stage
    mutable std::optional<std::string> plain_text_cache;  ///< plain_text(), once computed
    mutable BoilerplateCache boilerplate;                 ///< furniture verdicts of doc's elements

    /// The whole page's visible text without tag-level furniture (is_boilerplate tags_only),
    /// computed on first use: the date and author text scans both read it.
    const std::string& plain_text() const;

    /// The first non-empty value of <meta> `key` (lower-case), whitespace collapsed.
    std::optional<std::string> meta(std::string_view key) const;
    /// Every non-empty value of <meta> `key`, in document order.
    std::vector<std::string> meta_all(std::string_view key) const;
};

/// Gathers metas, JSON-LD, <title> and site names for a parsed page.
Page read_page(const html::Document& doc, std::string_view url, const Hints& hints, const Options& opts);

/// Reads the JSON-LD scripts of a document (json_ld.cpp).
JsonLd read_json_ld(const html::Document& doc, const Options& opts);

/// Elements named `tag` in the document, in document order.
std::vector<html::Node> elements_by_tag(html::Node scope, std::string_view tag);

}  // namespace dossier::extract::detail
