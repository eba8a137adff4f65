#include "warc_input.hpp"

#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace dossier::archive::detail {
namespace {

// Read and inflate in 64 KiB pieces: large enough to be fast, small enough that skipping an
// over-cap block or scanning for the next record never holds more than this.
constexpr std::size_t k_chunk = std::size_t{64} << 10;

bool seek_file(std::FILE* file, std::uint64_t offset) {
    return ::fseeko(file, static_cast<off_t>(offset), SEEK_SET) == 0;
}

bool is_gzip_magic(const unsigned char* p) { return p[0] == 0x1f && p[1] == 0x8b; }

}  // namespace

core::Result<std::unique_ptr<WarcInput>> WarcInput::open(const std::filesystem::path& path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) {
        return core::fail("archive: cannot open " + path.string() + ": " + ec.message());
    }
    std::unique_ptr<WarcInput> input(new WarcInput());
    input->m_file = std::fopen(path.c_str(), "rb");
    if (input->m_file == nullptr) {
        return core::fail("archive: cannot open " + path.string() + ": " + std::strerror(errno));
    }
    input->m_file_size = size;
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, input->m_file);
    input->m_gzip = got == 2 && is_gzip_magic(magic);
    if (!seek_file(input->m_file, 0)) {
        return core::fail("archive: cannot read " + path.string() + ": " + std::strerror(errno));
    }
    if (input->m_gzip) {
        input->m_in.resize(k_chunk);
        // 16 + 15: a gzip wrapper (RFC 1952) around a deflate stream with a 32 KiB window.
        if (inflateInit2(&input->m_z, 16 + 15) != Z_OK) {
            return core::fail("archive: zlib could not start: " + path.string());
        }
        input->m_z_ready = true;
        input->m_z.next_in = input->m_in.data();
        input->m_z.avail_in = 0;
    }
    return input;
}

WarcInput::~WarcInput() {
    if (m_z_ready) {
        inflateEnd(&m_z);
    }
    if (m_file != nullptr) {
        std::fclose(m_file);
    }
}

void WarcInput::compact() {
    if (m_pos > 0 && (m_pos >= k_chunk || m_pos * 2 >= m_buf.size())) {
        m_buf.erase(0, m_pos);
        m_buf_base += m_pos;
        m_pos = 0;
    }
}

std::string WarcInput::take(std::size_t n) {
    if (n < k_chunk) {
        std::string out(m_buf, m_pos, n);
        m_pos += n;
        return out;
    }
    std::string rest(std::string_view(m_buf).substr(m_pos + n));
    std::string out = std::move(m_buf);
    out.erase(0, m_pos);
    out.resize(n);
    m_buf_base += m_pos + n;
    m_buf = std::move(rest);
    m_pos = 0;
    return out;
}

bool WarcInput::ensure(std::size_t n) {
    while (m_buf.size() - m_pos < n) {
        if (!read_more()) {
            return false;
        }
    }
    return true;
}

bool WarcInput::read_more() {
    compact();
    return m_gzip ? inflate_some(true) : read_plain();
}

bool WarcInput::read_plain() {
    const std::size_t old = m_buf.size();
    m_buf.resize(old + k_chunk);
    const std::size_t got = std::fread(m_buf.data() + old, 1, k_chunk, m_file);
    m_buf.resize(old + got);
    return got > 0;
}

std::uint64_t WarcInput::compressed_position() const {
    return m_in_offset + static_cast<std::uint64_t>(m_z.next_in - m_in.data());
}

bool WarcInput::fail(const std::string& what) {
    m_error = what;
    m_state = State::failed;
    return false;
}

bool WarcInput::refill_input(std::size_t want) {
    const auto consumed = static_cast<std::size_t>(m_z.next_in - m_in.data());
    const std::size_t left = m_z.avail_in;
    if (left >= want) {
        return true;
    }
    if (consumed > 0) {
        std::memmove(m_in.data(), m_in.data() + consumed, left);
        m_in_offset += consumed;
    }
    const std::size_t got = std::fread(m_in.data() + left, 1, m_in.size() - left, m_file);
    m_z.next_in = m_in.data();
    m_z.avail_in = static_cast<uInt>(left + got);
    return m_z.avail_in >= want;
}

bool WarcInput::start_member() {
    if (!refill_input(2)) {
        if (m_z.avail_in == 0) {
            m_state = State::ended;
            return false;
        }
        return fail("stray byte after the last gzip member at offset " + std::to_string(compressed_position()));
    }
    if (!is_gzip_magic(m_z.next_in)) {
        return fail("no gzip member at offset " + std::to_string(compressed_position()));
    }
    inflateReset(&m_z);
    m_member_offset = compressed_position();
    m_member_stream_start = m_buf_base + m_buf.size();
    m_state = State::in_member;
    return true;
}

bool WarcInput::inflate_some(bool may_start_member) {
    if (m_state == State::between && !(may_start_member && start_member())) {
        return false;
    }
    if (m_state != State::in_member) {
        return false;
    }
    for (;;) {
        if (m_z.avail_in == 0 && !refill_input(1)) {
            // The file ends inside the member: a torn write or a cut-off copy.
            return fail("truncated gzip member at offset " + std::to_string(m_member_offset));
        }
        const std::size_t old = m_buf.size();
        m_buf.resize(old + k_chunk);
        m_z.next_out = reinterpret_cast<Bytef*>(m_buf.data() + old);
        m_z.avail_out = static_cast<uInt>(k_chunk);
        const int rc = ::inflate(&m_z, Z_NO_FLUSH);
        const std::size_t produced = k_chunk - m_z.avail_out;
        m_buf.resize(old + produced);
        if (rc == Z_STREAM_END) {
            m_state = State::between;
            m_member_end = compressed_position();
            return true;
        }
        if (rc == Z_OK || rc == Z_BUF_ERROR) {
            if (produced > 0) {
                return true;
            }
            continue;  // needs more input
        }
        // A member cut short in the middle of a file runs on into the next member's header,
        // which zlib then rejects, so truncation and corruption look alike here.
        return fail("truncated or corrupt gzip member at offset " + std::to_string(m_member_offset) +
                    " (zlib: " + (m_z.msg != nullptr ? m_z.msg : "error " + std::to_string(rc)) + ")");
    }
}

bool WarcInput::settle_member() {
    for (;;) {
        while (m_pos < m_buf.size() && (m_buf[m_pos] == '\r' || m_buf[m_pos] == '\n')) {
            ++m_pos;
        }
        if (m_pos < m_buf.size()) {
            return false;  // the member goes on with another record
        }
        if (m_state == State::between) {
            return true;
        }
        compact();
        if (!inflate_some(false)) {
            return false;
        }
    }
}

bool WarcInput::discard(std::uint64_t n) {
    for (;;) {
        const std::uint64_t take = std::min<std::uint64_t>(n, m_buf.size() - m_pos);
        m_pos += static_cast<std::size_t>(take);
        n -= take;
        if (n == 0) {
            return true;
        }
        if (!m_gzip) {
            // Plain files: seek over the rest instead of reading it.
            const std::uint64_t target = position() + n;
            if (target > m_file_size || !seek_file(m_file, target)) {
                return false;
            }
            m_buf.clear();
            m_pos = 0;
            m_buf_base = target;
            return true;
        }
        if (!read_more()) {
            return false;
        }
    }
}

bool WarcInput::seek(std::uint64_t file_offset) {
    m_buf_base += m_buf.size();  // gzip stream positions keep counting up
    m_buf.clear();
    m_pos = 0;
    m_error.clear();
    if (file_offset > m_file_size || !seek_file(m_file, file_offset)) {
        return false;
    }
    if (!m_gzip) {
        m_buf_base = file_offset;
        return true;
    }
    m_in_offset = file_offset;
    m_z.next_in = m_in.data();
    m_z.avail_in = 0;
    m_state = State::between;
    return start_member();
}

bool WarcInput::resync_after(std::uint64_t file_offset) {
    return m_gzip ? resync_gzip(file_offset) : resync_plain(file_offset);
}

bool WarcInput::resync_gzip(std::uint64_t from) {
    // Look for the next "1f 8b 08" (gzip, deflate) whose member inflates to a WARC version line;
    // the check rules out the magic bytes turning up by chance inside compressed data.
    std::vector<unsigned char> chunk(k_chunk);
    std::uint64_t pos = from + 1;
    while (pos + 3 <= m_file_size) {
        if (!seek_file(m_file, pos)) {
            break;
        }
        const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), m_file);
        if (n < 3) {
            break;
        }
        for (std::size_t i = 0; i + 2 < n; ++i) {
            if (chunk[i] == 0x1f && chunk[i + 1] == 0x8b && chunk[i + 2] == 0x08) {
                if (seek(pos + i) && ensure(5) && view().substr(0, 5) == "WARC/") {
                    return true;
                }
            }
        }
        pos += n - 2;  // overlap so a magic split across pieces is still seen
    }
    m_buf_base += m_buf.size();
    m_buf.clear();
    m_pos = 0;
    m_error.clear();
    m_state = State::ended;
    return false;
}

bool WarcInput::resync_plain(std::uint64_t from) {
    // A record starts with "WARC/1." right after a blank line: the CRLF CRLF that ends the
    // previous record (WARC 1.1 section 4), or LF LF from tools that write bare newlines.
    constexpr std::string_view k_pattern = "WARC/1.";
    constexpr std::size_t k_keep = 9;  // 3 context bytes + a pattern cut at the piece end
    const std::uint64_t start = from + 1;
    if (!seek(start >= 3 ? start - 3 : 0)) {
        return false;
    }
    for (;;) {
        const std::string_view v = view();
        for (std::size_t i = v.find(k_pattern); i != std::string_view::npos; i = v.find(k_pattern, i + 1)) {
            const bool after_blank_line =
                i >= 2 && v[i - 1] == '\n' && (v[i - 2] == '\n' || (i >= 3 && v[i - 2] == '\r' && v[i - 3] == '\n'));
            if (position() + i >= start && after_blank_line) {
                consume(i);
                return true;
            }
        }
        if (v.size() > k_keep) {
            consume(v.size() - k_keep);
        }
        if (!read_more()) {
            consume(view().size());
            return false;
        }
    }
}

}  // namespace dossier::archive::detail
