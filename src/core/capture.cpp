#include "dossier/core/capture.hpp"

#include "dossier/core/strings.hpp"

namespace dossier::core {

std::string Capture::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) return v;
    return {};
}

std::string Capture::media_type() const {
    const std::string value = header("content-type");
    std::string_view ct = value;
    if (auto semi = ct.find(';'); semi != std::string_view::npos) ct = ct.substr(0, semi);
    return to_lower_ascii(trim(ct));
}

}  // namespace dossier::core
