// Reading WARC records (WARC 1.1 section 4: warc-record = header CRLF block CRLF CRLF) from a
// plain file or from gzip members (annex D.2), recovering from damage as docs/warc.md describes.
#include "dossier/archive/warc_reader.hpp"

#include <string>

#include "warc_header.hpp"
#include "warc_input.hpp"

namespace dossier::archive {

struct WarcReader::Impl {
    std::filesystem::path path;
    ReaderOptions options;
    std::unique_ptr<detail::WarcInput> input;
    std::optional<std::uint64_t> resync_from;  // set after an error: where the bad record began
    bool done = false;
    std::uint64_t complete_end = 0;
    std::uint64_t prev_record_end = 0;  // stream position just past the previous record

    core::Unexpected fail_at(std::uint64_t offset, const std::string& what) {
        resync_from = offset;
        return core::fail("archive: " + what + " at offset " + std::to_string(offset) + ": " + path.string());
    }
    // An error the input layer described (its text already says where).
    core::Unexpected fail_input(std::uint64_t record_offset) {
        resync_from = record_offset;
        return core::fail("archive: " + input->error() + ": " + path.string());
    }

    core::Result<std::optional<WarcRecord>> next();
    core::Result<detail::WarcHeader> read_header(std::uint64_t offset);
    core::Result<std::optional<WarcRecord>> skip_over_cap(std::uint64_t offset, std::uint64_t length);
    core::Result<void> read_trailer(std::uint64_t offset, std::uint64_t content_length);
    core::Result<std::uint64_t> finish_record(std::uint64_t offset);
};

namespace {

bool skip_blank_bytes(detail::WarcInput& input) {
    while (input.ensure(1)) {
        const char c = input.view().front();
        if (c != '\r' && c != '\n') {
            return true;
        }
        input.consume(1);
    }
    return false;
}

}  // namespace

core::Result<detail::WarcHeader> WarcReader::Impl::read_header(std::uint64_t offset) {
    if (!input->ensure(5) || input->view().substr(0, 5) != "WARC/") {
        if (!input->error().empty()) {
            return fail_input(offset);
        }
        return fail_at(offset, input->view().empty() ? "truncated record header" : "not a warc record");
    }
    std::size_t searched = 0;
    for (;;) {
        const std::string_view v = input->view();
        if (const auto end = detail::find_header_end(v, searched)) {
            auto header = detail::parse_warc_header(v.substr(0, *end));
            if (!header) {
                return fail_at(offset, header.error().message);
            }
            input->consume(*end);
            return header;
        }
        if (v.size() >= options.max_header_bytes) {
            return fail_at(offset, "record header over " + std::to_string(options.max_header_bytes) + " bytes");
        }
        searched = v.size();
        if (!input->read_more()) {
            if (!input->error().empty()) {
                return fail_input(offset);
            }
            return fail_at(offset, "truncated record header (file ends inside it)");
        }
    }
}

core::Result<void> WarcReader::Impl::read_trailer(std::uint64_t offset, std::uint64_t content_length) {
    if (input->ensure(4) && input->view().substr(0, 4) == "\r\n\r\n") {
        input->consume(4);
        return {};
    }
    if (!input->error().empty()) {
        return fail_input(offset);
    }
    if (input->view().empty()) {
        return fail_at(offset, "torn record: file ends right after the block, without CRLF CRLF");
    }
    return fail_at(offset, "record does not end with CRLF CRLF after its Content-Length of " +
                               std::to_string(content_length) + " bytes (wrong Content-Length?)");
}

// After the trailer: where the record ends in the file. For gzip, the member has to end cleanly
// too (a bad CRC or a cut-off member invalidates the record even if its bytes looked whole).
core::Result<std::uint64_t> WarcReader::Impl::finish_record(std::uint64_t offset) {
    prev_record_end = input->position();
    if (!input->gzip()) {
        const std::uint64_t end = input->position();
        skip_blank_bytes(*input);  // tolerate extra newlines between records
        complete_end = input->position();
        return end - offset;
    }
    if (input->settle_member()) {
        complete_end = input->member_end();
        return input->member_end() - offset;
    }
    if (!input->error().empty()) {
        return fail_input(offset);
    }
    return std::uint64_t{0};  // the member goes on with the next record
}

core::Result<std::optional<WarcRecord>> WarcReader::Impl::skip_over_cap(std::uint64_t offset,
                                                                         std::uint64_t length) {
    if (!input->discard(length)) {
        if (!input->error().empty()) {
            return fail_input(offset);
        }
        return fail_at(offset, "record block runs past the end of the file (torn record or wrong Content-Length)");
    }
    if (auto trailer = read_trailer(offset, length); !trailer) {
        return core::fail(trailer.error().message);
    }
    if (auto end = finish_record(offset); !end) {
        return core::fail(end.error().message);
    }
    // The record was whole and the reader is already at the next one: no resync needed.
    return core::fail("archive: record block of " + std::to_string(length) + " bytes over the cap of " +
                      std::to_string(options.max_block_bytes) + " bytes at offset " + std::to_string(offset) +
                      ": " + path.string());
}

core::Result<std::optional<WarcRecord>> WarcReader::Impl::next() {
    if (done) {
        return std::optional<WarcRecord>{};
    }
    if (resync_from) {
        const std::uint64_t from = *resync_from;
        resync_from.reset();
        if (!input->resync_after(from)) {
            done = true;
            return std::optional<WarcRecord>{};
        }
        prev_record_end = input->gzip() ? input->member_stream_start() : input->position();
    }
    if (!skip_blank_bytes(*input)) {
        if (!input->error().empty()) {
            return fail_input(input->member_offset());
        }
        done = true;
        return std::optional<WarcRecord>{};
    }
    WarcRecord record;
    record.offset = input->gzip() ? input->member_offset() : input->position();
    record.addressable = !input->gzip() || prev_record_end <= input->member_stream_start();
    auto header = read_header(record.offset);
    if (!header) {
        return core::fail(header.error().message);
    }
    const std::uint64_t length = header->content_length;
    if (length > options.max_block_bytes) {
        return skip_over_cap(record.offset, length);
    }
    if (!input->ensure(static_cast<std::size_t>(length))) {
        if (!input->error().empty()) {
            return fail_input(record.offset);
        }
        return fail_at(record.offset, "record block runs past the end of the file (torn record or wrong Content-Length)");
    }
    record.block = input->take(static_cast<std::size_t>(length));
    if (auto trailer = read_trailer(record.offset, length); !trailer) {
        return core::fail(trailer.error().message);
    }
    auto end = finish_record(record.offset);
    if (!end) {
        return core::fail(end.error().message);
    }
    record.length = *end;
    record.version = std::move(header->version);
    record.fields = std::move(header->fields);
    return std::optional<WarcRecord>(std::move(record));
}

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
WarcReader::WarcReader(WarcReader&& other) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&& other) noexcept = default;
WarcReader::~WarcReader() = default;

core::Result<WarcReader> WarcReader::open(const std::filesystem::path& path, ReaderOptions options) {
    auto input = detail::WarcInput::open(path);
    if (!input) {
        return core::fail(input.error().message);
    }
    // A plain WARC starts with its version line (section 4); anything else is not a WARC.
    if (!(*input)->gzip() && (*input)->ensure(1) && !((*input)->ensure(5) && (*input)->view().substr(0, 5) == "WARC/")) {
        return core::fail("archive: not a warc file: " + path.string());
    }
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    impl->input = std::move(*input);
    return WarcReader(std::move(impl));
}

core::Result<std::optional<WarcRecord>> WarcReader::next() { return m_impl->next(); }

std::uint64_t WarcReader::complete_end() const { return m_impl->complete_end; }

const std::filesystem::path& WarcReader::path() const { return m_impl->path; }

core::Result<WarcRecord> WarcReader::read_at(const std::filesystem::path& path, std::uint64_t offset,
                                             ReaderOptions options) {
    auto input = detail::WarcInput::open(path);
    if (!input) {
        return core::fail(input.error().message);
    }
    Impl impl;
    impl.path = path;
    impl.options = options;
    impl.input = std::move(*input);
    if (!impl.input->seek(offset)) {
        const std::string why = impl.input->error().empty() ? "no record" : impl.input->error();
        return core::fail("archive: " + (impl.input->gzip() ? why : "no record at offset " + std::to_string(offset)) +
                          ": " + path.string());
    }
    impl.prev_record_end = impl.input->gzip() ? impl.input->member_stream_start() : offset;
    auto record = impl.next();
    if (!record) {
        return core::fail(record.error().message);
    }
    if (!*record) {
        return core::fail("archive: no record at offset " + std::to_string(offset) + ": " + path.string());
    }
    return std::move(**record);
}

}  // namespace dossier::archive
