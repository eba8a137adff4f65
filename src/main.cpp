#include "dossier/cli/app.hpp"

int main(int argc, char** argv) { return dossier::cli::run(argc, argv); }
