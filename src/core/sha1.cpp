// SHA-1 per FIPS 180-4: section 5.1.1 (padding), 5.3.1 (initial hash value), 6.1.2 (hash
// computation with the 80-word message schedule and the functions of section 4.1.1).
#include "dossier/core/sha1.hpp"

#include <algorithm>

namespace dossier::core {
namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int n) {
    return (x << n) | (x >> (32 - n));
}

std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

constexpr char k_hex_digits[] = "0123456789abcdef";

}  // namespace

void Sha1::reset() {
    m_state = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    m_block_used = 0;
    m_total_bytes = 0;
}

void Sha1::compress(const std::uint8_t* block) {
    std::array<std::uint32_t, 80> w{};
    for (std::size_t t = 0; t < 16; ++t) {
        w[t] = load_be32(block + 4 * t);
    }
    for (std::size_t t = 16; t < 80; ++t) {
        w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    std::uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3], e = m_state[4];
    for (std::size_t t = 0; t < 80; ++t) {
        std::uint32_t f = 0;
        std::uint32_t k = 0;
        if (t < 20) {
            f = (b & c) | (~b & d);  // Ch
            k = 0x5A827999u;
        } else if (t < 40) {
            f = b ^ c ^ d;  // Parity
            k = 0x6ED9EBA1u;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);  // Maj
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6u;
        }
        const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    m_state[0] += a;
    m_state[1] += b;
    m_state[2] += c;
    m_state[3] += d;
    m_state[4] += e;
}

void Sha1::update(std::string_view data) {
    m_total_bytes += data.size();
    const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
    std::size_t left = data.size();
    while (left > 0) {
        const std::size_t take = std::min(left, m_block.size() - m_block_used);
        std::copy(p, p + take, m_block.begin() + static_cast<std::ptrdiff_t>(m_block_used));
        m_block_used += take;
        p += take;
        left -= take;
        if (m_block_used == m_block.size()) {
            compress(m_block.data());
            m_block_used = 0;
        }
    }
}

Sha1::Digest Sha1::finish() {
    // Section 5.1.1: a 1 bit, zeros up to 56 bytes mod 64, then the bit length big-endian.
    const std::uint64_t bit_length = m_total_bytes * 8;
    m_block[m_block_used++] = 0x80;
    if (m_block_used > 56) {
        std::fill(m_block.begin() + static_cast<std::ptrdiff_t>(m_block_used), m_block.end(), 0);
        compress(m_block.data());
        m_block_used = 0;
    }
    std::fill(m_block.begin() + static_cast<std::ptrdiff_t>(m_block_used), m_block.begin() + 56, 0);
    for (std::size_t i = 0; i < 8; ++i) {
        m_block[56 + i] = static_cast<std::uint8_t>(bit_length >> (56 - 8 * i));
    }
    compress(m_block.data());
    m_block_used = 0;

    Digest out{};
    for (std::size_t i = 0; i < 5; ++i) {
        for (std::size_t j = 0; j < 4; ++j) {
            out[4 * i + j] = static_cast<std::uint8_t>(m_state[i] >> (24 - 8 * j));
        }
    }
    return out;
}

std::string sha1(std::string_view data) {
    Sha1 h;
    h.update(data);
    const Sha1::Digest d = h.finish();
    return std::string(d.begin(), d.end());
}

std::string sha1_hex(std::string_view data) {
    Sha1 h;
    h.update(data);
    const Sha1::Digest d = h.finish();
    std::string out;
    out.reserve(2 * d.size());
    for (const std::uint8_t byte : d) {
        out.push_back(k_hex_digits[byte >> 4]);
        out.push_back(k_hex_digits[byte & 0x0F]);
    }
    return out;
}

}  // namespace dossier::core
