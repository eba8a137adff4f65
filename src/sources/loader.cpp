// Reading feeds/*.toml from disk. The file checks live in source_reader.cpp; this file does the
// I/O and formats problems as "<path>: <key>: <reason>", the way compilers name a place.
#include "dossier/sources/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#include "dossier/core/strings.hpp"
#include "source_reader.hpp"

namespace dossier::sources {
namespace {

// A source definition is a few hundred bytes; anything this big is a wrong file.
constexpr std::uintmax_t k_max_file_bytes = 1U << 20U;

struct FileOutcome {
    core::Source source;
    std::vector<std::string> lines;  ///< "<path>: <key>: <reason>", empty when the file is good
};

core::Result<std::string> read_text(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return core::fail("cannot read: " + ec.message());
    if (size > k_max_file_bytes) return core::fail("file too large (" + std::to_string(size) + " bytes)");
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(std::string("cannot read: ") + std::strerror(errno));
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return core::fail("cannot read: i/o error");
    text.resize(static_cast<std::size_t>(in.gcount()));  // the file may have shrunk meanwhile
    return text;
}

// The checks of one definition whose text is already in memory (load_file and load_text).
FileOutcome check_text(std::string_view text, const std::filesystem::path& path) {
    FileOutcome out;
    const std::string where = path.string();
    if (text.size() > k_max_file_bytes) {
        out.lines.push_back(where + ": file too large (" + std::to_string(text.size()) + " bytes)");
        return out;
    }
    ReadOutcome r = read_source(text, path.stem().string(), zoneinfo_dir());
    // Problems quote values from the file (a kind, an id, toml++'s "saw '\n'"); one line each.
    for (const Problem& p : r.problems)
        out.lines.push_back(where + ": " + core::escape_controls(p.key) + ": " + core::escape_controls(p.reason));
    out.source = std::move(r.source);
    out.source.path = where;
    return out;
}

FileOutcome check_file(const std::filesystem::path& path) {
    auto text = read_text(path);
    if (!text) {
        FileOutcome out;
        out.lines.push_back(path.string() + ": " + text.error().message);
        return out;
    }
    return check_text(*text, path);
}

core::Result<core::Source> to_result(FileOutcome f) {
    if (f.lines.empty()) return std::move(f.source);
    std::string message;
    for (const std::string& line : f.lines) {
        if (!message.empty()) message += '\n';
        message += line;
    }
    return core::fail(std::move(message));
}

}  // namespace

core::Result<core::Source> load_file(const std::filesystem::path& path) { return to_result(check_file(path)); }

core::Result<core::Source> load_text(std::string_view text, const std::filesystem::path& path) {
    return to_result(check_text(text, path));
}

core::Result<LoadReport> load_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    std::filesystem::directory_iterator it(dir, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::filesystem::path& p = it->path();
        const std::string name = p.filename().string();
        std::error_code type_ec;
        if (p.extension() != ".toml" || name.front() == '.' || !it->is_regular_file(type_ec)) continue;
        files.push_back(p);
    }
    if (ec) return core::fail("sources: cannot read folder " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
    LoadReport report;
    for (const auto& file : files) {
        FileOutcome f = check_file(file);
        if (f.lines.empty()) report.sources.push_back(std::move(f.source));
        for (std::string& line : f.lines) report.errors.push_back(core::Error{std::move(line)});
    }
    return report;
}

std::filesystem::path feeds_dir(std::string_view flag) {
    if (!flag.empty()) return std::filesystem::path(flag);
    const char* env = std::getenv("DOSSIER_FEEDS");
    if (env != nullptr && *env != '\0') return std::filesystem::path(env);
    return "feeds";
}

std::filesystem::path zoneinfo_dir() {
    const char* env = std::getenv("TZDIR");
    if (env != nullptr && *env != '\0') return std::filesystem::path(env);
    return "/usr/share/zoneinfo";
}

}  // namespace dossier::sources
