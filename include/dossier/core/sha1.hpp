#pragma once
// SHA-1 (FIPS 180-4, section 6.1): the digest WARC files use for WARC-Block-Digest and
// WARC-Payload-Digest (WARC 1.1 sections 5.8 and 5.9). Not for security decisions: SHA-1 is
// broken for collision resistance; here it only names content, as every WARC tool does.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dossier::core {

/// Incremental SHA-1. Feed bytes with update() in any number of pieces, then call finish()
/// once. Reusable after reset().
class Sha1 {
public:
    static constexpr std::size_t k_digest_size = 20;
    using Digest = std::array<std::uint8_t, k_digest_size>;

    Sha1() { reset(); }

    /// Starts a new message (the initial hash value of FIPS 180-4 section 5.3.1).
    void reset();
    /// Appends `data` to the message.
    void update(std::string_view data);
    /// Pads the message, returns its 20-byte digest and leaves the object needing reset().
    Digest finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 5> m_state{};
    std::array<std::uint8_t, 64> m_block{};
    std::size_t m_block_used = 0;
    std::uint64_t m_total_bytes = 0;
};

/// The SHA-1 digest of `data` as 20 raw bytes in a string (feed it to to_hex or base32).
std::string sha1(std::string_view data);

/// The SHA-1 digest of `data` as 40 lower-case hex digits.
std::string sha1_hex(std::string_view data);

}  // namespace dossier::core
