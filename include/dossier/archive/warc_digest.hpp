#pragma once
// Labelled digests as WARC writes them: "sha1:" + Base32 of the SHA-1 (WARC 1.1 sections 5.8
// and 5.9, Base32 per RFC 4648 section 6).
#include <string>
#include <string_view>

namespace dossier::archive {

/// RFC 4648 section 6 Base32 of `bytes`: upper-case alphabet A-Z 2-7, '=' padded to a multiple
/// of 8 characters (a 20-byte SHA-1 needs no padding: 32 characters).
std::string base32_encode(std::string_view bytes);

/// "sha1:" + base32_encode(sha1(data)), the value of WARC-Block-Digest / WARC-Payload-Digest.
std::string warc_sha1_digest(std::string_view data);

/// True when `labelled` ("sha1:BASE32", label and letters in any case, or "sha1:" + 40 hex
/// digits as some tools write) is the SHA-1 of `data`. False for other algorithms.
bool matches_sha1_digest(std::string_view labelled, std::string_view data);

}  // namespace dossier::archive
