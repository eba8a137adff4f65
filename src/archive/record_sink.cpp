#include "record_sink.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace dossier::archive::detail {
namespace {

constexpr std::size_t k_out_chunk = std::size_t{64} << 10;
// deflate counts input in 32-bit uInt: feed large blocks in slices.
constexpr std::size_t k_in_slice = std::size_t{16} << 20;

}  // namespace

RecordSink::~RecordSink() {
    if (m_z_ready) {
        deflateEnd(&m_z);
    }
    if (m_file != nullptr) {
        std::fclose(m_file);  // every record was already flushed; nothing left to report
    }
}

core::Result<void> RecordSink::open(const std::filesystem::path& path, bool gzip) {
    m_path = path;
    m_gzip = gzip;
    m_file = std::fopen(path.c_str(), "ab");
    if (m_file == nullptr) {
        return core::fail("archive: cannot open " + path.string() + " for writing: " + std::strerror(errno));
    }
    // Unbuffered: our pieces are already large (64 KiB deflate output, whole blocks), and no
    // stdio buffer can hold bytes of a failed record that a later flush would write after the
    // file was cut back.
    std::setvbuf(m_file, nullptr, _IONBF, 0);
    std::error_code ec;
    m_size = std::filesystem::file_size(path, ec);
    if (ec) {
        return core::fail("archive: cannot read the size of " + path.string() + ": " + ec.message());
    }
    if (gzip) {
        m_out.resize(k_out_chunk);
        // 16 + 15: zlib writes a gzip header and trailer (RFC 1952) around the deflate stream.
        if (deflateInit2(&m_z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            return core::fail("archive: zlib could not start");
        }
        m_z_ready = true;
    }
    return {};
}

bool RecordSink::write_bytes(const void* data, std::size_t size) {
    if (size == 0) {
        return true;
    }
    if (std::fwrite(data, 1, size, m_file) != size) {
        return false;
    }
    m_written += size;
    return true;
}

bool RecordSink::deflate_piece(std::string_view data, int flush) {
    do {
        const std::string_view slice = data.substr(0, k_in_slice);
        data.remove_prefix(slice.size());
        const int mode = data.empty() ? flush : Z_NO_FLUSH;
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(slice.data()));
        m_z.avail_in = static_cast<uInt>(slice.size());
        int rc = Z_OK;
        do {
            m_z.next_out = m_out.data();
            m_z.avail_out = static_cast<uInt>(m_out.size());
            rc = ::deflate(&m_z, mode);
            if (rc == Z_STREAM_ERROR) {
                return false;
            }
            if (!write_bytes(m_out.data(), m_out.size() - m_z.avail_out)) {
                return false;
            }
        } while (m_z.avail_out == 0 || (mode == Z_FINISH && rc != Z_STREAM_END));
    } while (!data.empty());
    return true;
}

core::Unexpected RecordSink::fail_write(std::uint64_t offset) {
    const std::string why = std::strerror(errno != 0 ? errno : EIO);
    // Leave no half record behind: cut off what reached the file.
    std::clearerr(m_file);
    if (::ftruncate(::fileno(m_file), static_cast<off_t>(offset)) == 0) {
        m_size = offset;
    }
    return core::fail("archive: cannot write to " + m_path.string() + ": " + why);
}

core::Result<std::pair<std::uint64_t, std::uint64_t>> RecordSink::write_record(std::string_view header,
                                                                               std::string_view block) {
    const std::uint64_t offset = m_size;
    m_written = 0;
    errno = 0;
    constexpr std::string_view k_trailer = "\r\n\r\n";  // WARC 1.1 section 4: block CRLF CRLF
    bool ok = true;
    if (m_gzip) {
        // One member per record (annex D.2), so each record can be read alone from its offset.
        ok = deflateReset(&m_z) == Z_OK && deflate_piece(header, Z_NO_FLUSH) && deflate_piece(block, Z_NO_FLUSH) &&
             deflate_piece(k_trailer, Z_FINISH);
    } else {
        ok = write_bytes(header.data(), header.size()) && write_bytes(block.data(), block.size()) &&
             write_bytes(k_trailer.data(), k_trailer.size());
    }
    // Hand the whole record to the OS now: a killed process then loses no record it reported.
    if (!ok || std::fflush(m_file) != 0) {
        return fail_write(offset);
    }
    m_size += m_written;
    return std::pair<std::uint64_t, std::uint64_t>{offset, m_written};
}

core::Result<void> RecordSink::sync() {
    if (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0) {
        return core::fail("archive: cannot sync " + m_path.string() + ": " + std::strerror(errno));
    }
    return {};
}

}  // namespace dossier::archive::detail
