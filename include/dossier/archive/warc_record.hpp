#pragma once
// WarcRecord: one record of a WARC file as read back (WARC 1.1 section 4, "File and record model").
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::archive {

/// A WARC record: version line, named fields, content block, and where it sits in its file.
struct WarcRecord {
    std::string version;                                      ///< "WARC/1.1" or "WARC/1.0"
    std::vector<std::pair<std::string, std::string>> fields;  ///< named fields in file order
    std::string block;                                        ///< content block (Content-Length bytes)
    /// Byte offset of the record in the file: for a .warc.gz the offset of the gzip member it
    /// starts in (WARC 1.1 annex D.2, record-at-a-time compression).
    std::uint64_t offset = 0;
    /// Bytes the record occupies in the file, including the CRLF CRLF after the block; for a
    /// .warc.gz the compressed length of its gzip member(s). 0 when the record ends inside a
    /// gzip member that goes on with another record (a file not compressed record-at-a-time).
    std::uint64_t length = 0;
    /// False when the record is not the first one in its gzip member, so read_at(offset) would
    /// return a different record (again only in files not compressed record-at-a-time).
    bool addressable = true;

    /// The value of the first field named `name` (ASCII case-insensitive); "" when absent.
    std::string field(std::string_view name) const;
    /// WARC-Type, lower-cased ("response", "warcinfo", ...); "" when absent.
    std::string type() const;
    /// WARC-Target-URI without the "<" ">" that wget 1.21.3+ writes around it; "" when absent.
    std::string target_uri() const;
    /// WARC-Record-ID as written (normally "<urn:uuid:...>"); "" when absent.
    std::string record_id() const;
};

}  // namespace dossier::archive
