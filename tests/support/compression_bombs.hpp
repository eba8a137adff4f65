#pragma once
// Decompression bombs for tests: N MiB of zeros as raw deflate, gzip (RFC 1952) and zlib
// (RFC 1950) streams with valid checksums, about 1 KiB on the wire per MiB decoded. Built from
// one compressed MiB repeated, so a 1 GiB bomb costs milliseconds to make.
#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::test {

inline constexpr std::size_t k_bomb_mib = std::size_t{1} << 20;

/// `data` deflated at level 9 in one call, ending with `flush` (Z_FINISH, Z_FULL_FLUSH, ...);
/// `window_bits` as deflateInit2 takes it: -15 raw deflate, 15 zlib, 31 gzip. Throws
/// std::runtime_error when zlib fails.
std::string deflate_all(std::string_view data, int window_bits, int flush);

/// Raw deflate (RFC 1951) of `mib` MiB of zeros, ending in an empty final block.
std::string raw_zero_bomb(std::size_t mib);
/// A gzip member of `mib` MiB of zeros: header, deflate data, CRC-32, size mod 2^32.
std::string gzip_zero_bomb(std::size_t mib);
/// A zlib stream of `mib` MiB of zeros: header, deflate data, Adler-32.
std::string zlib_zero_bomb(std::size_t mib);

}  // namespace dossier::test
