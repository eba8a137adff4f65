#pragma once
// Capture: one archived HTTP response (or imported file) and where it lives in the archive.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dossier::core {

/// Where a capture is stored: WARC file name (relative to the archive's warc/ folder,
/// or an absolute path for an imported WARC), and the byte offset and length of its record.
struct CaptureRef {
    std::string warc_file;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;

    bool empty() const { return warc_file.empty(); }
};

/// An HTTP response as the pipeline sees it, whatever the bytes came from
/// (the network, an archived WARC record, or a local file).
struct Capture {
    std::string url;                 ///< target URI
    std::int64_t fetched_at = 0;     ///< unix seconds (WARC-Date)
    int status = 200;                ///< HTTP status; 200 for files and resource records
    std::vector<std::pair<std::string, std::string>> headers;  ///< response headers, in order
    std::string body;                ///< payload, transfer- and content-decoded
    CaptureRef ref;

    /// The first header named `name` (ASCII case-insensitive), or an empty string.
    std::string header(std::string_view name) const;
    /// The media type of Content-Type without parameters, lower-cased ("text/html").
    std::string media_type() const;
};

}  // namespace dossier::core
