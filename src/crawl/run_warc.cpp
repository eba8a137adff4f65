#include "run_warc.hpp"

#include "dossier/build_info.hpp"

namespace dossier::crawl {

core::Result<archive::WarcWriter*> RunWarc::writer() {
    if (m_writer && m_writer->size() < k_rotate_bytes) return &*m_writer;
    if (m_writer) {
        if (auto ok = m_writer->flush(); !ok) return core::fail(ok.error().message);
        m_writer.reset();
    }
    m_name = m_dir.new_warc_name(m_run_start);
    archive::WarcInfo info;
    info.software = std::string("dossier/") + build_info::k_version + " (+" + build_info::k_project_url + ")";
    info.description = m_description;
    auto w = archive::WarcWriter::open(m_dir.warc_dir() / m_name, info);
    if (!w) return core::fail(w.error().message);
    m_writer.emplace(std::move(*w));
    return &*m_writer;
}

}  // namespace dossier::crawl
