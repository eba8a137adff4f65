#include "dossier/archive/warc_digest.hpp"

#include <cstdint>

#include "dossier/core/sha1.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::archive {
namespace {

constexpr char k_base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::string base32_encode(std::string_view bytes) {
    // RFC 4648 section 6: take 5 bits at a time, most significant first; pad the last group of
    // 40 bits with '=' to a multiple of 8 characters.
    std::string out;
    out.reserve((bytes.size() + 4) / 5 * 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(k_base32_alphabet[(buffer >> bits) & 0x1f]);
        }
    }
    if (bits > 0) {
        out.push_back(k_base32_alphabet[(buffer << (5 - bits)) & 0x1f]);
    }
    while (out.size() % 8 != 0) {
        out.push_back('=');
    }
    return out;
}

std::string warc_sha1_digest(std::string_view data) { return "sha1:" + base32_encode(core::sha1(data)); }

bool matches_sha1_digest(std::string_view labelled, std::string_view data) {
    const std::size_t colon = labelled.find(':');
    if (colon == std::string_view::npos) {
        return false;
    }
    const std::string label = core::to_lower_ascii(labelled.substr(0, colon));
    if (label != "sha1" && label != "sha-1") {
        return false;
    }
    const std::string value = core::to_lower_ascii(core::trim(labelled.substr(colon + 1)));
    const std::string digest = core::sha1(data);
    if (value.size() == 40) {
        return value == core::to_hex(digest);
    }
    return value == core::to_lower_ascii(base32_encode(digest));
}

}  // namespace dossier::archive
