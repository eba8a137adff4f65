#include "content_decoding.hpp"

#include <zlib.h>

#include <optional>
#include <vector>

#include "dossier/core/strings.hpp"

namespace dossier::archive::detail {
namespace {

constexpr std::size_t k_chunk = std::size_t{64} << 10;

core::Unexpected over_cap(std::size_t max_bytes) {
    return core::fail("archive: decoded body over " + std::to_string(max_bytes) + " bytes");
}

std::optional<std::uint64_t> parse_chunk_size(std::string_view line) {
    line = core::trim(line.substr(0, line.find(';')));  // drop chunk extensions
    if (line.empty() || line.size() > 15) {
        return std::nullopt;
    }
    std::uint64_t size = 0;
    for (const char c : line) {
        int digit = -1;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            digit = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        size = size * 16 + static_cast<std::uint64_t>(digit);
    }
    return size;
}

enum class Wrapper { gzip, zlib, raw };

// RFC 1950 section 2.2: CM = 8 (deflate) and CMF*256 + FLG a multiple of 31.
bool has_zlib_header(std::string_view data) {
    if (data.size() < 2) {
        return false;
    }
    const auto cmf = static_cast<unsigned char>(data[0]);
    const auto flg = static_cast<unsigned char>(data[1]);
    return (cmf & 0x0f) == 8 && (cmf * 256 + flg) % 31 == 0;
}

bool has_gzip_magic(std::string_view data) {
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

core::Result<std::string> inflate_all(std::string_view input, Wrapper wrapper, std::size_t max_bytes) {
    z_stream z{};
    const int window = wrapper == Wrapper::gzip ? 16 + 15 : wrapper == Wrapper::zlib ? 15 : -15;
    if (inflateInit2(&z, window) != Z_OK) {
        return core::fail("archive: zlib could not start");
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    z.avail_in = static_cast<uInt>(input.size());
    std::string out;
    std::string failure;
    for (;;) {
        const std::size_t old = out.size();
        out.resize(old + k_chunk);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + old);
        z.avail_out = static_cast<uInt>(k_chunk);
        const int rc = ::inflate(&z, Z_NO_FLUSH);
        out.resize(old + (k_chunk - z.avail_out));
        if (out.size() > max_bytes) {
            inflateEnd(&z);
            return over_cap(max_bytes);
        }
        if (rc == Z_STREAM_END) {
            // A gzip body may be several members in a row (RFC 1952 section 2.2).
            const std::string_view rest(reinterpret_cast<const char*>(z.next_in), z.avail_in);
            if (wrapper != Wrapper::gzip || !has_gzip_magic(rest)) {
                break;
            }
            inflateReset(&z);
            continue;
        }
        if (rc == Z_OK) {
            continue;
        }
        if (rc != Z_BUF_ERROR || z.avail_in != 0) {
            failure = z.msg != nullptr ? z.msg : "error " + std::to_string(rc);
        }
        break;  // input used up before the end: a truncated body, keep what inflated
    }
    inflateEnd(&z);
    if (!failure.empty() && out.empty()) {
        return core::fail("archive: cannot decode compressed body (zlib: " + failure + ")");
    }
    return out;
}

}  // namespace

core::Result<std::string> dechunk(std::string_view body, std::size_t max_bytes) {
    std::string out;
    std::size_t pos = 0;
    bool first = true;
    while (pos < body.size()) {
        const std::size_t nl = body.find('\n', pos);
        const auto size = parse_chunk_size(body.substr(pos, nl == std::string_view::npos ? body.npos : nl - pos));
        if (!size || nl == std::string_view::npos) {
            if (first) {
                // Not chunked after all: some tools store the body de-chunked but keep the header.
                if (body.size() > max_bytes) {
                    return over_cap(max_bytes);
                }
                return std::string(body);
            }
            break;
        }
        first = false;
        pos = nl + 1;
        if (*size == 0) {
            break;  // last-chunk; trailer fields are not kept
        }
        if (*size > max_bytes || out.size() + *size > max_bytes) {
            return over_cap(max_bytes);
        }
        const std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(*size), body.size() - pos);
        out.append(body.substr(pos, take));
        pos += take;
        if (pos < body.size() && body[pos] == '\r') {
            ++pos;
        }
        if (pos < body.size() && body[pos] == '\n') {
            ++pos;
        }
    }
    return out;
}

core::Result<std::string> decode_content(std::string body, std::string_view content_encoding, std::size_t max_bytes) {
    std::vector<std::string> codings;
    for (const std::string_view part : core::split(content_encoding, ',')) {
        std::string coding = core::to_lower_ascii(core::trim(part));
        if (!coding.empty() && coding != "identity") {
            codings.push_back(std::move(coding));
        }
    }
    for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
        if (*it == "gzip" || *it == "x-gzip") {
            if (!has_gzip_magic(body)) {
                continue;  // stored decoded
            }
            auto decoded = inflate_all(body, Wrapper::gzip, max_bytes);
            if (!decoded) {
                return decoded;
            }
            body = std::move(*decoded);
        } else if (*it == "deflate") {
            if (body.empty()) {
                continue;
            }
            auto decoded = inflate_all(body, has_zlib_header(body) ? Wrapper::zlib : Wrapper::raw, max_bytes);
            if (!decoded) {
                return decoded;
            }
            body = std::move(*decoded);
        } else {
            return core::fail("archive: unsupported content-encoding: " + *it);
        }
    }
    return body;
}

}  // namespace dossier::archive::detail
