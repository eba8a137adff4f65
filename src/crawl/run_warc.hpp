#pragma once
// The WARC file a run writes into: opened on first use (a run that archives nothing leaves no
// empty file), rotated when it grows past a size, flushed before the database commits.
#include <cstdint>
#include <optional>
#include <string>

#include "dossier/archive/warc_writer.hpp"
#include "dossier/crawl/archive_dir.hpp"

namespace dossier::crawl {

class RunWarc {
public:
    /// Files grow to about this size before the next one is started (WARC 1.1 annex C
    /// suggests 1 GB; smaller files are easier to copy and to read back).
    static constexpr std::uint64_t k_rotate_bytes = std::uint64_t{1} << 30;

    RunWarc(const ArchiveDir& dir, std::int64_t run_start, std::string description)
        : m_dir(dir), m_run_start(run_start), m_description(std::move(description)) {}

    /// The writer for the next record, opening or rotating the file as needed.
    core::Result<archive::WarcWriter*> writer();
    /// The current file's name relative to warc/ (empty before the first record).
    const std::string& name() const { return m_name; }
    /// Flushes and fsyncs the current file (nothing to do before the first record).
    core::Result<void> flush() { return m_writer ? m_writer->flush() : core::Result<void>(); }

private:
    const ArchiveDir& m_dir;
    std::int64_t m_run_start;
    std::string m_description;
    std::string m_name;
    std::optional<archive::WarcWriter> m_writer;
};

}  // namespace dossier::crawl
