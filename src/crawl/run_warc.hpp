#pragma once
// The WARC file a run writes into: opened on first use (a run that archives nothing leaves no
// empty file), rotated when it grows past a size, flushed before the database commits.
//
// Crash safety (docs/crash-safety.md): while a file is open for writing, <archive>/.warc-open
// names it. A run killed mid-record leaves the note behind; the next run that archives
// something reopens that file, which cuts the torn record off to "<file>.torn-<offset>"
// (WarcWriter::open), and appends after the last complete record. A run that ends normally
// removes the note, so only a killed run costs the next one a read of the file.
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
    /// Removes the note naming the open file when that file ends where its last record ended.
    ~RunWarc();
    RunWarc(const RunWarc&) = delete;
    RunWarc& operator=(const RunWarc&) = delete;

    /// The writer for the next record: on first use the file a killed run left unfinished (its
    /// torn tail cut off), else a new file; rotated past k_rotate_bytes. Error naming the file
    /// when it cannot be opened or its warcinfo record cannot be written.
    core::Result<archive::WarcWriter*> writer();
    /// The current file's name relative to warc/ (empty before the first record).
    const std::string& name() const { return m_name; }
    /// Flushes and fsyncs the current file (nothing to do before the first record).
    core::Result<void> flush() { return m_writer ? m_writer->flush() : core::Result<void>(); }

    /// Where the name of the file being written is kept while it is open.
    static std::filesystem::path open_note_path(const ArchiveDir& dir) { return dir.root() / ".warc-open"; }

private:
    core::Result<void> open_file(const std::string& name);
    std::optional<std::string> unfinished_file() const;
    void write_note(const std::string& name) const;

    const ArchiveDir& m_dir;
    std::int64_t m_run_start;
    std::string m_description;
    std::string m_name;
    std::optional<archive::WarcWriter> m_writer;
    bool m_resume_checked = false;
};

}  // namespace dossier::crawl
