#include "compression_bombs.hpp"

#include <zlib.h>

#include <stdexcept>

namespace dossier::test {

namespace {

/// One MiB of zeros as raw deflate blocks ending in a full flush: byte-aligned and referring to
/// nothing before it, so copies of it can follow each other in one stream.
std::string zero_mib_segment() { return deflate_all(std::string(k_bomb_mib, '\0'), -15, Z_FULL_FLUSH); }

void put_32(std::string& out, uLong v, bool big_endian) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * (big_endian ? 3 - i : i))) & 0xffu));
}

}  // namespace

std::string deflate_all(std::string_view data, int window_bits, int flush) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string in(data);  // zlib's next_in is not const
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, flush);
    out.resize(z.total_out);
    deflateEnd(&z);
    // The output buffer holds deflateBound: the whole input is consumed in this one call.
    if (rc != (flush == Z_FINISH ? Z_STREAM_END : Z_OK) || z.avail_in != 0) throw std::runtime_error("deflate failed");
    return out;
}

std::string raw_zero_bomb(std::size_t mib) {
    const std::string segment = zero_mib_segment();
    std::string out;
    out.reserve(segment.size() * mib + 2);
    for (std::size_t i = 0; i < mib; ++i) out += segment;
    // An empty final block: BFINAL=1, fixed Huffman, end-of-block (RFC 1951 section 3.2.6).
    return out + std::string("\x03\x00", 2);
}

std::string gzip_zero_bomb(std::size_t mib) {
    const std::string zeros(k_bomb_mib, '\0');
    const uLong one = crc32(0L, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(k_bomb_mib));
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t i = 0; i < mib; ++i) crc = crc32_combine(crc, one, static_cast<z_off_t>(k_bomb_mib));
    // RFC 1952 section 2.3: magic, CM=8, no flags, no mtime, XFL=2 (best), OS=3 (Unix).
    std::string out = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10) + raw_zero_bomb(mib);
    put_32(out, crc, false);
    put_32(out, static_cast<uLong>((mib * k_bomb_mib) & 0xffffffffu), false);  // ISIZE
    return out;
}

std::string zlib_zero_bomb(std::size_t mib) {
    const std::string zeros(k_bomb_mib, '\0');
    const uLong one = adler32(1L, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(k_bomb_mib));
    uLong adler = adler32(0L, Z_NULL, 0);
    for (std::size_t i = 0; i < mib; ++i) adler = adler32_combine(adler, one, static_cast<z_off_t>(k_bomb_mib));
    // RFC 1950 section 2.2: deflate, 32 KiB window, level 9.
    std::string out = std::string("\x78\xda", 2) + raw_zero_bomb(mib);
    put_32(out, adler, true);
    return out;
}

}  // namespace dossier::test
