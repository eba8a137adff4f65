#include "run_warc.hpp"

#include <fstream>
#include <system_error>

#include "dossier/build_info.hpp"

namespace dossier::crawl {

namespace fs = std::filesystem;

RunWarc::~RunWarc() {
    if (!m_writer) return;
    // A write that failed half-way and could not be cut back leaves the file longer than the
    // writer's count of complete records: keep the note so the next run repairs it.
    std::error_code ec;
    const auto on_disk = fs::file_size(m_writer->path(), ec);
    if (!ec && on_disk == m_writer->size()) fs::remove(open_note_path(m_dir), ec);
}

core::Result<archive::WarcWriter*> RunWarc::writer() {
    if (!m_writer && !m_resume_checked) {
        m_resume_checked = true;
        // Failing to resume (the file was replaced by something that is not a WARC) is not
        // fatal: the reader skips a torn tail anyway, and a new file is started below.
        if (auto unfinished = unfinished_file()) (void)open_file(*unfinished);
    }
    if (m_writer && m_writer->size() < k_rotate_bytes) return &*m_writer;
    if (m_writer) {
        if (auto ok = m_writer->flush(); !ok) return core::fail(ok.error().message);
        m_writer.reset();
    }
    if (auto ok = open_file(m_dir.new_warc_name(m_run_start)); !ok) return core::fail(ok.error().message);
    return &*m_writer;
}

core::Result<void> RunWarc::open_file(const std::string& name) {
    // The note goes first: a run killed while creating the file (its warcinfo half written)
    // must already have pointed the next run at it.
    write_note(name);
    archive::WarcInfo info;
    info.software = std::string("dossier/") + build_info::k_version + " (+" + build_info::k_project_url + ")";
    info.description = m_description;
    auto w = archive::WarcWriter::open(m_dir.warc_dir() / name, info);
    if (!w) return core::fail(w.error().message);
    m_writer.emplace(std::move(*w));
    m_name = name;
    return {};
}

std::optional<std::string> RunWarc::unfinished_file() const {
    std::ifstream in(open_note_path(m_dir));
    std::string name;
    if (!in || !std::getline(in, name)) return std::nullopt;
    // Only a plain file name inside warc/, as write_note wrote it.
    if (name.empty() || name.find('/') != std::string::npos || name.starts_with(".") ||
        !(name.ends_with(".warc.gz") || name.ends_with(".warc")))
        return std::nullopt;
    std::error_code ec;
    if (!fs::is_regular_file(m_dir.warc_dir() / name, ec)) return std::nullopt;
    return name;
}

void RunWarc::write_note(const std::string& name) const {
    // Written beside and renamed over the note, so a kill never leaves half a name. Not
    // fsynced: the note guards against a killed process, whose writes the kernel keeps.
    const fs::path note = open_note_path(m_dir);
    fs::path tmp = note;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << name << '\n';
        if (!out.flush()) return;
    }
    std::error_code ec;
    fs::rename(tmp, note, ec);
}

}  // namespace dossier::crawl
