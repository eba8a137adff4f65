# Warnings for our own targets only (third-party headers are included as SYSTEM).
set(DOSSIER_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Wformat=2)
if(DOSSIER_WERROR)
  list(APPEND DOSSIER_WARNINGS -Werror)
endif()
if(DOSSIER_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
