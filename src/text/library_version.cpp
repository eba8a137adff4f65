#include "dossier/text/library_version.hpp"

#include <unicode/uversion.h>

namespace dossier::text {

std::string library_version() {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    return buf;
}

}  // namespace dossier::text
