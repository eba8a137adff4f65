#pragma once
// Private to extract/: the cascade of each Article field (one file per field).
#include <optional>
#include <string>
#include <vector>

#include "dossier/core/date_time.hpp"
#include "page.hpp"

namespace dossier::extract::detail {

/// Title: hint -> JSON-LD headline/name -> <meta> titles -> <h1> matching <title> -> <title> minus site
/// name -> <h1>; a kicker of an <h1> is cut from the result.
std::optional<Field<std::string>> find_title(const Page& page);

/// Publication date: hint -> JSON-LD -> <meta> (a bare "date" meta yields to an earlier visible date)
/// -> <time>/itemprop/date-classed element -> visible text -> URL path.
std::optional<Field<core::DateTime>> find_published(const Page& page);

/// Modification date: JSON-LD dateModified -> article:modified_time and similar metas.
std::optional<core::DateTime> find_updated(const Page& page);

/// Author: hint -> JSON-LD -> <meta> -> rel=author / .author / .byline -> visible 作者 / 本文由 ->
/// a "By ..." line under the headline.
std::optional<Field<std::string>> find_author(const Page& page);

/// `name` with whitespace collapsed, or nothing when it cannot be a byline: empty, longer than
/// opts.max_author_chars, a URL or domain, the site's name, or the headline.
std::optional<std::string> accept_author_name(const Page& page, std::string name);

/// Author from the extracted body text, for pages without a byline element: a leading
/// name + e-mail paragraph pair, or editor initials closing the text ("... voraus. (bsc)").
std::optional<Field<std::string>> find_author_in_body(const Page& page, std::string_view body);

/// Language: hint -> <html lang> -> <meta> content-language -> guessed from `body_text`.
std::optional<Field<std::string>> find_lang(const Page& page, const std::string& body_text);

/// Body text: hint -> scored container. Nothing when no article body is found.
std::optional<Field<std::string>> find_body(const Page& page);

/// rel=canonical, then og:url, then JSON-LD url, resolved against the page URL; else the URL.
std::string find_canonical(const Page& page);

/// article:tag metas, JSON-LD keywords, then <meta name=keywords>, deduplicated.
std::vector<std::string> find_tags(const Page& page);

/// og:image, twitter:image, then JSON-LD image, resolved against the page URL.
std::string find_lead_image(const Page& page);

/// "sel@attr" hints: the value of the first match (its attribute, or its visible text on one
/// line). Nothing when the hint is empty, invalid or matches nothing (the last two add a
/// warning to the page, naming `field`).
std::optional<std::string> hint_value(const Page& page, std::string_view field, const std::string& hint);

}  // namespace dossier::extract::detail
