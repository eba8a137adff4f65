// Writing WARC 1.1 records. The layout of each record type, field by field with the spec
// section it follows, is in docs/warc.md; the comments here say why where it is not obvious.
#include "dossier/archive/warc_writer.hpp"

#include <cstdio>
#include <random>
#include <vector>

#include "dossier/archive/warc_digest.hpp"
#include "dossier/core/date_time.hpp"
#include "record_sink.hpp"
#include "torn_tail.hpp"

namespace dossier::archive {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

bool is_ctl_or_space(unsigned char c) { return c <= 0x20 || c == 0x7f; }

// WARC 1.1 section 5.14: the URI "shall be written as specified in RFC 3986" and with no
// whitespace. Non-ASCII bytes (an IRI) are percent-encoded as RFC 3987 section 3.1 maps them;
// whitespace and control characters cannot be written and are refused.
core::Result<std::string> header_uri(std::string_view uri) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    if (uri.empty()) {
        return core::fail("archive: empty target uri");
    }
    std::string out;
    for (const char c : uri) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            out += '%';
            out += k_hex[u >> 4];
            out += k_hex[u & 0x0f];
        } else if (is_ctl_or_space(u)) {
            return core::fail("archive: target uri contains whitespace or control characters: " +
                              std::string(uri.substr(0, 200)));
        } else {
            out += c;
        }
    }
    return out;
}

// A field value that must stay on its line: no CR, LF or other control characters.
bool single_line(std::string_view value) {
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f) {
            return false;
        }
    }
    return true;
}

// The entity body of an HTTP message: what follows the blank line ending the header block
// (WARC 1.1 section 5.9, "the payload of an application/http block is its entity-body").
std::optional<std::string_view> http_payload(std::string_view block) {
    const std::size_t crlf = block.find("\r\n\r\n");
    const std::size_t lf = block.find("\n\n");
    if (crlf == std::string_view::npos && lf == std::string_view::npos) {
        return std::nullopt;  // no header end: no well-defined payload, so no payload digest
    }
    if (lf < crlf) {
        return block.substr(lf + 2);
    }
    return block.substr(crlf + 4);
}

std::string header_text(const Fields& fields) {
    std::string text = "WARC/1.1\r\n";
    for (const auto& [name, value] : fields) {
        text += name;
        text += ": ";
        text += value;
        text += "\r\n";
    }
    text += "\r\n";
    return text;
}

std::string sanitize_info_value(std::string_view value) {
    std::string out(value);
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            c = ' ';
        }
    }
    return out;
}

// The warcinfo block, application/warc-fields (WARC 1.1 sections 6.2 and 8).
std::string warcinfo_block(const WarcInfo& info) {
    std::string block;
    const auto add = [&block](std::string_view name, std::string_view value) {
        if (!value.empty()) {
            block += std::string(name) + ": " + sanitize_info_value(value) + "\r\n";
        }
    };
    add("software", info.software.empty() ? std::string_view("dossier") : std::string_view(info.software));
    add("format", "WARC File Format 1.1");
    add("conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/");
    add("operator", info.operator_name);
    add("description", info.description);
    add("robots", info.robots);
    add("http-header-user-agent", info.user_agent);
    return block;
}

std::string bracketed_id(std::string_view id) {
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') {
        id = id.substr(1, id.size() - 2);
    }
    return "<" + std::string(id) + ">";
}

}  // namespace

std::string new_record_id() {
    // RFC 4122 section 4.4: 122 random bits, version nibble 4, variant bits 10.
    thread_local std::mt19937_64 rng = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    std::uint64_t hi = rng();
    std::uint64_t lo = rng();
    hi = (hi & ~std::uint64_t{0xF000}) | std::uint64_t{0x4000};
    lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return std::string("<urn:uuid:") + text + ">";
}

struct WarcWriter::Impl {
    std::filesystem::path path;
    std::string file_name;
    detail::RecordSink sink;
    std::string warcinfo_id;
    std::string last_id;
    std::optional<std::filesystem::path> salvaged;

    core::Result<core::CaptureRef> write(Fields fields, std::string_view block) {
        fields.emplace_back("Content-Length", std::to_string(block.size()));
        const std::string id = fields.at(1).second;  // WARC-Record-ID is always second
        auto written = sink.write_record(header_text(fields), block);
        if (!written) {
            return core::fail(written.error().message);
        }
        last_id = id;
        return core::CaptureRef{file_name, written->first, written->second};
    }

    // The fields every record starts with (WARC 1.1 sections 5.5, 5.2, 5.4): type, id, date.
    Fields start_fields(std::string_view type, std::int64_t date) const {
        return Fields{{"WARC-Type", std::string(type)},
                      {"WARC-Record-ID", new_record_id()},
                      {"WARC-Date", core::format_utc(date)}};
    }

    core::Result<core::CaptureRef> write_warcinfo(const WarcInfo& info) {
        const std::string block = warcinfo_block(info);
        Fields fields = start_fields("warcinfo", core::now_seconds());
        fields.emplace_back("WARC-Filename", file_name);
        fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(block));
        fields.emplace_back("Content-Type", "application/warc-fields");
        auto ref = write(std::move(fields), block);
        if (ref) {
            warcinfo_id = last_id;
        }
        return ref;
    }
};

WarcWriter::WarcWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
WarcWriter::WarcWriter(WarcWriter&& other) noexcept = default;
WarcWriter& WarcWriter::operator=(WarcWriter&& other) noexcept = default;
WarcWriter::~WarcWriter() = default;

core::Result<WarcWriter> WarcWriter::open(const std::filesystem::path& path, const WarcInfo& info) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->file_name = path.filename().string();
    const std::string name = impl->file_name;
    bool gzip = name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0;
    auto existing = detail::prepare_for_append(path);
    if (!existing) {
        return core::fail(existing.error().message);
    }
    if (existing->size > 0) {
        gzip = existing->gzip;
    }
    impl->salvaged = existing->salvaged;
    if (auto opened = impl->sink.open(path, gzip); !opened) {
        return core::fail(opened.error().message);
    }
    if (auto ref = impl->write_warcinfo(info); !ref) {
        return core::fail(ref.error().message);
    }
    return WarcWriter(std::move(impl));
}

core::Result<core::CaptureRef> WarcWriter::write_response(std::string_view target_uri, std::int64_t fetched_at,
                                                          std::string_view http_block, std::string_view ip_address,
                                                          std::string_view truncated) {
    if (!truncated.empty() && truncated != "length" && truncated != "time" && truncated != "disconnect" &&
        truncated != "unspecified") {
        return core::fail("archive: bad WARC-Truncated reason '" + std::string(truncated.substr(0, 40)) + "'");
    }
    auto uri = header_uri(target_uri);
    if (!uri) {
        return core::fail(uri.error().message);
    }
    if (!ip_address.empty() && ip_address.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos) {
        return core::fail("archive: bad ip address '" + std::string(ip_address.substr(0, 60)) + "'");
    }
    Fields fields = m_impl->start_fields("response", fetched_at);
    fields.emplace_back("WARC-Target-URI", std::move(*uri));
    fields.emplace_back("WARC-Warcinfo-ID", m_impl->warcinfo_id);
    if (!ip_address.empty()) {
        fields.emplace_back("WARC-IP-Address", std::string(ip_address));
    }
    fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(http_block));
    if (const auto payload = http_payload(http_block)) {
        fields.emplace_back("WARC-Payload-Digest", warc_sha1_digest(*payload));
    }
    if (!truncated.empty()) {
        fields.emplace_back("WARC-Truncated", std::string(truncated));
    }
    fields.emplace_back("Content-Type", "application/http;msgtype=response");
    return m_impl->write(std::move(fields), http_block);
}

core::Result<core::CaptureRef> WarcWriter::write_resource(std::string_view target_uri, std::int64_t fetched_at,
                                                          std::string_view content_type, std::string_view body) {
    auto uri = header_uri(target_uri);
    if (!uri) {
        return core::fail(uri.error().message);
    }
    if (!single_line(content_type)) {
        return core::fail("archive: content type contains control characters");
    }
    Fields fields = m_impl->start_fields("resource", fetched_at);
    fields.emplace_back("WARC-Target-URI", std::move(*uri));
    fields.emplace_back("WARC-Warcinfo-ID", m_impl->warcinfo_id);
    // Section 6.4: for a resource record the payload is the whole block.
    const std::string digest = warc_sha1_digest(body);
    fields.emplace_back("WARC-Block-Digest", digest);
    fields.emplace_back("WARC-Payload-Digest", digest);
    fields.emplace_back("Content-Type", content_type.empty() ? std::string("application/octet-stream")
                                                             : std::string(content_type));
    return m_impl->write(std::move(fields), body);
}

core::Result<core::CaptureRef> WarcWriter::write_request(std::string_view target_uri, std::int64_t fetched_at,
                                                         std::string_view http_request_block,
                                                         std::string_view concurrent_to_record_id) {
    auto uri = header_uri(target_uri);
    if (!uri) {
        return core::fail(uri.error().message);
    }
    const std::string concurrent = bracketed_id(concurrent_to_record_id);
    if (concurrent.size() <= 2 || !single_line(concurrent) || concurrent.find(' ') != std::string::npos) {
        return core::fail("archive: bad WARC-Concurrent-To record id '" +
                          std::string(concurrent_to_record_id.substr(0, 80)) + "'");
    }
    Fields fields = m_impl->start_fields("request", fetched_at);
    fields.emplace_back("WARC-Target-URI", std::move(*uri));
    fields.emplace_back("WARC-Warcinfo-ID", m_impl->warcinfo_id);
    fields.emplace_back("WARC-Concurrent-To", concurrent);
    fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(http_request_block));
    if (const auto payload = http_payload(http_request_block)) {
        fields.emplace_back("WARC-Payload-Digest", warc_sha1_digest(*payload));
    }
    fields.emplace_back("Content-Type", "application/http;msgtype=request");
    return m_impl->write(std::move(fields), http_request_block);
}

const std::filesystem::path& WarcWriter::path() const { return m_impl->path; }
const std::string& WarcWriter::last_record_id() const { return m_impl->last_id; }
const std::string& WarcWriter::warcinfo_id() const { return m_impl->warcinfo_id; }
std::uint64_t WarcWriter::size() const { return m_impl->sink.size(); }
const std::optional<std::filesystem::path>& WarcWriter::salvaged_tail() const { return m_impl->salvaged; }

core::Result<void> WarcWriter::flush() { return m_impl->sink.sync(); }

}  // namespace dossier::archive
