#include "dossier/html/library_version.hpp"

namespace dossier::html {

std::string library_version() {
#ifdef DOSSIER_GUMBO_VERSION
    return DOSSIER_GUMBO_VERSION;
#else
    return "unknown";
#endif
}

}  // namespace dossier::html
