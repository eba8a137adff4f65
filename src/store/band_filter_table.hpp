#pragma once
// The band filter (band_filter.hpp) as the archive keeps it: tables band_filter_rows and
// band_filter_info (migration 7), written in the same transactions as the band table, so the
// stored filter holds every committed band key whatever happens to the process. A writer loads
// it once (62 MB at a million articles, read mostly sequentially) instead of probing the
// band table for keys no article has.
#include "dossier/core/result.hpp"

namespace dossier::store::detail {

struct StoreState;
class BandFilter;

/// The archive's filter, loaded on first use; built from the band table (one scan) when the
/// archive has none yet or it is past its capacity, and reloaded when another connection has
/// committed since. Null for a read-only store whose archive has no filter yet: probe every key.
core::Result<BandFilter*> band_filter(StoreState& s);

/// Writes the rows changed since the last flush and the key count, in the open transaction
/// (or in one of its own). A no-op when the filter is not loaded.
core::Result<void> flush_band_filter(StoreState& s);

/// Forgets the loaded filter (after a rollback): the next band_filter() reloads it.
void drop_band_filter(StoreState& s) noexcept;

}  // namespace dossier::store::detail
