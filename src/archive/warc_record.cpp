#include "dossier/archive/warc_record.hpp"

#include "dossier/core/strings.hpp"

namespace dossier::archive {

std::string WarcRecord::field(std::string_view name) const {
    // WARC 1.1 section 4: field names are case-insensitive.
    for (const auto& [key, value] : fields) {
        if (core::iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::string WarcRecord::type() const { return core::to_lower_ascii(field("WARC-Type")); }

std::string WarcRecord::target_uri() const {
    // WARC 1.1 section 5.14 writes the URI bare; wget 1.21.3 and later wrap it in "<" ">".
    std::string uri = field("WARC-Target-URI");
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
        uri = uri.substr(1, uri.size() - 2);
    }
    return uri;
}

std::string WarcRecord::record_id() const { return field("WARC-Record-ID"); }

}  // namespace dossier::archive
