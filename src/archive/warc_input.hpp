#pragma once
// WarcInput: the bytes of a WARC file as one stream, inflated when the file is a series of gzip
// members (RFC 1952 section 2.2; WARC 1.1 annex D.2), with a read buffer that holds at most what
// the parser asked for. It knows which gzip member the bytes came from, so the reader can report
// each record's member offset, and it can resynchronise after damage.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "dossier/core/result.hpp"

namespace dossier::archive::detail {

class WarcInput {
public:
    /// Opens `path`; gzip when it starts with the gzip magic bytes. Fails when it cannot be opened.
    static core::Result<std::unique_ptr<WarcInput>> open(const std::filesystem::path& path);
    ~WarcInput();
    WarcInput(const WarcInput&) = delete;
    WarcInput& operator=(const WarcInput&) = delete;

    bool gzip() const { return m_gzip; }
    std::uint64_t file_size() const { return m_file_size; }

    /// Makes at least `n` bytes available at the read point (inflating on into later gzip
    /// members when needed). False when the data ends first or a gzip member is bad (error()).
    bool ensure(std::size_t n);
    /// Reads one more piece into the buffer. False at the end of the data or on error().
    bool read_more();
    /// The buffered bytes from the read point on.
    std::string_view view() const { return std::string_view(m_buf).substr(m_pos); }
    void consume(std::size_t n) { m_pos += n; }
    /// Removes and returns the next `n` buffered bytes (n <= view().size()). A large block
    /// takes over the buffer's memory instead of being copied, so a record is held once.
    std::string take(std::size_t n);
    /// Drops `n` bytes from the read point without holding them in memory. False when the
    /// data ends first or on error().
    bool discard(std::uint64_t n);
    /// Position of the read point in the stream (the file offset for a plain file).
    std::uint64_t position() const { return m_buf_base + m_pos; }

    /// Gzip: file offset of the member the newest buffered bytes came from.
    std::uint64_t member_offset() const { return m_member_offset; }
    /// Gzip: stream position where that member's output starts.
    std::uint64_t member_stream_start() const { return m_member_stream_start; }
    /// Gzip: file offset just past the last member that ended cleanly.
    std::uint64_t member_end() const { return m_member_end; }
    /// Gzip: skips CR/LF at the read point and inflates the current member to its end while
    /// nothing else follows. True when the member ended cleanly there.
    bool settle_member();

    /// Why the last ensure/discard/read_more failed on a gzip member ("truncated gzip member at
    /// offset N"); empty when the data simply ended.
    const std::string& error() const { return m_error; }

    /// Restarts at `file_offset` (for gzip, where a member starts). False when the offset is
    /// past the end or (gzip) no member starts there.
    bool seek(std::uint64_t file_offset);
    /// Restarts at the first record start after `file_offset`: gzip, the next member that
    /// inflates to "WARC/"; plain, the next "WARC/1." that follows a blank line. False if none.
    bool resync_after(std::uint64_t file_offset);

private:
    enum class State { between, in_member, failed, ended };

    WarcInput() = default;
    void compact();
    bool read_plain();
    bool inflate_some(bool may_start_member);
    bool start_member();
    bool refill_input(std::size_t want);
    std::uint64_t compressed_position() const;
    bool fail(const std::string& what);
    bool resync_gzip(std::uint64_t from);
    bool resync_plain(std::uint64_t from);

    std::FILE* m_file = nullptr;
    bool m_gzip = false;
    std::uint64_t m_file_size = 0;

    std::string m_buf;             // stream bytes; m_buf[m_pos] is the read point
    std::size_t m_pos = 0;
    std::uint64_t m_buf_base = 0;  // stream position of m_buf[0]

    // gzip only
    z_stream m_z{};
    bool m_z_ready = false;
    std::vector<unsigned char> m_in;
    std::uint64_t m_in_offset = 0;  // file offset of m_in[0]
    State m_state = State::between;
    std::uint64_t m_member_offset = 0;
    std::uint64_t m_member_stream_start = 0;
    std::uint64_t m_member_end = 0;
    std::string m_error;
};

}  // namespace dossier::archive::detail
