import type { Catalogue } from '@trm/domain';
import { durationMs } from '@trm/domain';
import type { Warehouse } from './warehouse.port';
import { WAREHOUSE_SQL } from './warehouse-sql';

/**
 * Writes a catalogue document (a baseline, or a national profile resolved onto its base) into
 * `catalogue_measures_v1` unless it is already there. Documents are immutable: an id's rows never change.
 */
export async function loadCatalogue(warehouse: Warehouse, db: string, catalogue: Catalogue): Promise<void> {
  const [row] = await warehouse.query<{ n: number }>(
    WAREHOUSE_SQL.render('catalogue-measures'),
    { db, v: catalogue.version },
  );
  if (Number(row?.n ?? 0) === catalogue.measures.length) return;
  await warehouse.insert(
    `${db}.catalogue_measures_v1`,
    catalogue.measures.map((m) => {
      const entered = m.appliesTo.find((t) => t.startsWith('entered:SOP'));
      return {
        version: catalogue.version, code: m.code, sop: m.sop, title: m.title, child_specific: m.childSpecific,
        needs_child: m.appliesTo.includes('child'), needs_adult: m.appliesTo.includes('adult'),
        needs_foreign: m.appliesTo.includes('foreign'), needs_origin: m.appliesTo.includes('origin'),
        needs_entered: entered ? Number(entered.slice('entered:SOP'.length)) : 0,
        deadline_anchor: m.deadline?.anchor ?? '', deadline_ms: m.deadline ? durationMs(m.deadline.within) : 0,
        before_measure: m.before ?? '',
        adopted: m.adopted !== false, // migration 0012
      };
    }),
  );
}
