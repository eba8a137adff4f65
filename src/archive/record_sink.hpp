#pragma once
// RecordSink: appends whole records to a WARC file, each as its own gzip member (WARC 1.1
// annex D.2) or as plain bytes, and cuts the file back when a write fails half-way.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include <zlib.h>

#include "dossier/core/result.hpp"

namespace dossier::archive::detail {

class RecordSink {
public:
    RecordSink() = default;
    RecordSink(const RecordSink&) = delete;
    RecordSink& operator=(const RecordSink&) = delete;
    ~RecordSink();

    /// Opens `path` for appending. Fails when it cannot be opened.
    core::Result<void> open(const std::filesystem::path& path, bool gzip);
    /// Writes header + block + CRLF CRLF as one record and flushes it to the OS. Returns the
    /// offset and length the record has in the file. On failure the file is truncated back to
    /// where the record began and the error names the file.
    core::Result<std::pair<std::uint64_t, std::uint64_t>> write_record(std::string_view header, std::string_view block);
    /// fflush + fsync. Fails with the OS error.
    core::Result<void> sync();
    std::uint64_t size() const { return m_size; }

private:
    bool write_bytes(const void* data, std::size_t size);
    bool deflate_piece(std::string_view data, int flush);
    core::Unexpected fail_write(std::uint64_t offset);

    std::filesystem::path m_path;
    std::FILE* m_file = nullptr;
    bool m_gzip = false;
    std::uint64_t m_size = 0;
    std::uint64_t m_written = 0;  // bytes of the record being written
    z_stream m_z{};
    bool m_z_ready = false;
    std::vector<unsigned char> m_out;
};

}  // namespace dossier::archive::detail
