# Warnings for our own targets only. -Wnull-dereference is left out: at -O3 g++ 12 reports it
# inside libstdc++ streams (istreambuf_iterator) for correct code.
set(DOSSIER_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Wimplicit-fallthrough -Wformat=2)
# g++ 12 at -O2/-O3 reports -Wrestrict inside libstdc++'s std::string for ordinary code such as
# `s = "/"` or `"x" + std::move(t)` (GCC bug 105329, fixed in GCC 13): a false positive in the
# library, not in our code, so it is silenced for that compiler only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND DOSSIER_WARNINGS -Wno-restrict)
endif()
if(DOSSIER_WERROR)
  list(APPEND DOSSIER_WARNINGS -Werror)
endif()
if(DOSSIER_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
