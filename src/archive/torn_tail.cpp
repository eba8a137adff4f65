#include "torn_tail.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "dossier/archive/warc_reader.hpp"

namespace dossier::archive::detail {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

core::Unexpected io_error(const std::string& what, const std::filesystem::path& path) {
    return core::fail("archive: " + what + " " + path.string() + ": " + std::strerror(errno));
}

std::filesystem::path sidecar_name(const std::filesystem::path& path, std::uint64_t offset) {
    const std::string base = path.string() + ".torn-" + std::to_string(offset);
    std::filesystem::path candidate = base;
    std::error_code ec;
    for (int n = 1; std::filesystem::exists(candidate, ec); ++n) {
        candidate = base + "-" + std::to_string(n);
    }
    return candidate;
}

// Copies [from, end of file) of `path` to `target` and makes the copy durable before the
// caller truncates the original.
core::Result<void> copy_tail(const std::filesystem::path& path, std::uint64_t from,
                             const std::filesystem::path& target) {
    File in(std::fopen(path.c_str(), "rb"));
    if (!in || ::fseeko(in.get(), static_cast<off_t>(from), SEEK_SET) != 0) {
        return io_error("cannot read", path);
    }
    File out(std::fopen(target.c_str(), "wbx"));
    if (!out) {
        return io_error("cannot create", target);
    }
    std::vector<char> buf(std::size_t{64} << 10);
    for (;;) {
        const std::size_t n = std::fread(buf.data(), 1, buf.size(), in.get());
        if (n == 0) {
            break;
        }
        if (std::fwrite(buf.data(), 1, n, out.get()) != n) {
            return io_error("cannot write", target);
        }
    }
    if (std::ferror(in.get()) != 0) {
        return io_error("cannot read", path);
    }
    if (std::fflush(out.get()) != 0 || ::fsync(::fileno(out.get())) != 0) {
        return io_error("cannot write", target);
    }
    return {};
}

// Distinguishes a WARC (gzip members or a "WARC/" version line) from any other file, which
// must never be appended to or cut.
core::Result<bool> sniff_gzip(const std::filesystem::path& path, std::uint64_t size) {
    File in(std::fopen(path.c_str(), "rb"));
    if (!in) {
        return io_error("cannot read", path);
    }
    unsigned char head[5] = {0, 0, 0, 0, 0};
    const std::size_t n = std::fread(head, 1, sizeof head, in.get());
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
        return true;
    }
    if (std::memcmp(head, "WARC/", std::min<std::size_t>(n, 5)) == 0 && (n == 5 || n == size)) {
        return false;
    }
    return core::fail("archive: not a warc file, will not append: " + path.string());
}

}  // namespace

core::Result<ExistingWarc> prepare_for_append(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return ExistingWarc{};
    }
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) {
        return core::fail("archive: cannot read the size of " + path.string() + ": " + ec.message());
    }
    if (size == 0) {
        return ExistingWarc{};
    }
    auto gzip = sniff_gzip(path, size);
    if (!gzip) {
        return core::fail(gzip.error().message);
    }
    ExistingWarc existing;
    existing.gzip = *gzip;
    std::uint64_t complete = 0;
    if (size >= 5 || existing.gzip) {
        auto reader = WarcReader::open(path);
        if (!reader) {
            return core::fail(reader.error().message);
        }
        // Errors are expected here (that is what we look for); only where records end matters.
        for (;;) {
            auto record = reader->next();
            if (record && !*record) {
                break;
            }
        }
        complete = reader->complete_end();
    }
    existing.size = complete;
    if (complete < size) {
        const std::filesystem::path target = sidecar_name(path, complete);
        if (auto copied = copy_tail(path, complete, target); !copied) {
            return core::fail(copied.error().message);
        }
        std::filesystem::resize_file(path, complete, ec);
        if (ec) {
            return core::fail("archive: cannot truncate " + path.string() + ": " + ec.message());
        }
        existing.salvaged = target;
    }
    return existing;
}

}  // namespace dossier::archive::detail
