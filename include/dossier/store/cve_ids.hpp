#pragma once
// CVE identifiers in article text: the entity facet of search (docs/search.md, "CVE facet").
// The format is MITRE's: "CVE-", a four-digit year, "-", a sequence number of four or more
// digits (https://cve.mitre.org/cve/identifiers/syntaxchange.html).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::store {

/// `text` as a CVE id in canonical form ("cve-2025-59934" -> "CVE-2025-59934"): case, full-width
/// characters and Unicode dashes are folded. Empty when it is not exactly one well-formed id
/// (year 1999-2099, a sequence number of 4 to 19 digits, kept as written).
std::optional<std::string> normalize_cve_id(std::string_view text);

/// Every CVE id in `text`, canonical, each once, in order of first appearance. An id must not
/// be glued to a letter or digit on either side (an ASCII letter or digit after
/// folding: "XCVE-2025-1234" is not an id, "漏洞CVE-2025-1234的" holds one). Never fails; invalid UTF-8 separates.
std::vector<std::string> find_cve_ids(std::string_view text);

}  // namespace dossier::store
