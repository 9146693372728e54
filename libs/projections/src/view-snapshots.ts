import { chDateTime64, columnList } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { PROJECTION_SQL } from './projection-sql';

/** The signed views and their snapshot tables (migrations/clickhouse/0002_case_views.sql, 0004). */
export const SNAPSHOT_TABLES = [
  { view: 'case_view_v1', snapshots: 'case_view_snapshots_v1', identity: 'case_id' },
  // pair_id: the warehouse's 128-bit hash of (case_id, measure) (migrations 0006, 0008)
  { view: 'measure_view_v1', snapshots: 'measure_view_snapshots_v1', identity: 'pair_id' },
  { view: 'deadline_view_v1', snapshots: 'deadline_view_snapshots_v1', identity: 'pair_id' },
] as const;

/** The events effective at a snapshot's watermark, with their reporting lags (migration 0005). */
export const EVENT_LAG_SNAPSHOTS = 'event_lag_snapshots_v1';

/** Every table holding snapshot partitions. */
export const ALL_SNAPSHOT_TABLES: readonly string[] = [...SNAPSHOT_TABLES.map((t) => t.snapshots), EVENT_LAG_SNAPSHOTS];

export interface SnapshotInfo {
  /** Its id and partition in the snapshot tables: the knowledge time (ms) of the event at `position`. */
  snapshot: number;
  /** The store position up to which it holds the views' rows. */
  position: number;
  caseRows: number;
  pairRows: number;
  deadlineRows: number;
  /** Events effective at the watermark (event_lag_snapshots_v1). */
  eventRows: number;
  builtMs: number;
}

/** Rows of the signed views in the snapshot. */
export function snapshotRows(s: SnapshotInfo): number {
  return s.caseRows + s.pairRows + s.deadlineRows;
}


/**
 * Which snapshots to unlist: beyond the `keep` newest, older ones stay only a quarter of the
 * history (in store positions) apart, so figures as of past times also start near a snapshot.
 */
export function retire(snapshots: SnapshotInfo[], keep: number): SnapshotInfo[] {
  const sorted = [...snapshots].sort((a, b) => b.snapshot - a.snapshot);
  const spacing = (sorted[0]?.position ?? 0) / 4;
  const retired: SnapshotInfo[] = [];
  let lastKept = sorted[Math.min(keep, sorted.length) - 1];
  for (const s of sorted.slice(keep)) {
    if (lastKept.position - s.position >= spacing) lastKept = s;
    else retired.push(s);
  }
  return retired;
}

/**
 * Snapshots of the signed case views: at a store position P, the versions written up to P whose
 * signs had not cancelled, one row each. Its id (the partition of the snapshot tables) is W, the
 * knowledge time of the event at P. A figure as of T ≥ W sums the snapshot and the versions after P
 * recorded by T — the same answer as summing every version recorded by T (recordedAt never
 * decreases along positions), from far fewer rows; and right after a build, with no rows after P,
 * from the snapshot alone.
 *
 * Each snapshot is built from the previous one plus the versions written since (cost grows with
 * the live cases, not the history): each case's (pair's) row by its identity, no grouping. It is
 * listed in view_snapshots_v1 only once every table holds it: a partition the list does not name
 * is an unfinished build and is dropped.
 */
export class ViewSnapshots {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly db: string,
    /** How many of the newest snapshots stay listed (older ones only every quarter of the history). */
    private readonly keep = 3,
  ) {}

  /** The complete snapshots, oldest first. */
  async list(): Promise<SnapshotInfo[]> {
    const rows = await this.warehouse.query<Record<string, string | number>>(
      PROJECTION_SQL.render('snapshots-listed'),
      { db: this.db },
    );
    return rows.map((r) => ({
      snapshot: Number(r.snapshot), position: Number(r.position), caseRows: Number(r.case_rows), pairRows: Number(r.pair_rows),
      deadlineRows: Number(r.deadline_rows), eventRows: Number(r.event_rows), builtMs: Number(r.built_ms),
    }));
  }

  /**
   * Builds the snapshot at store position `position`. The caller guarantees that the views hold
   * every row up to it (the projector's checkpoint is at or past it). Returns the existing
   * snapshot instead when one has the same knowledge time (its rows differ at most by events
   * recorded at that same millisecond, which stay after its position).
   */
  async build(position: number): Promise<SnapshotInfo> {
    const [at] = await this.warehouse.query<{ w: string | number }>(
      PROJECTION_SQL.render('snapshot-watermark'),
      { db: this.db, position },
    );
    const watermarkMs = Number(at?.w ?? 0);
    if (!(watermarkMs > 0)) throw new Error(`no events up to position ${position} to snapshot`);
    const listed = await this.list();
    const existing = listed.find((s) => s.snapshot === watermarkMs);
    if (existing) return existing;
    // The long statements run on a connection of their own where the warehouse has one (chDB), so
    // queries and the projector's inserts go on beside the build instead of waiting for it.
    const w = this.warehouse.beside?.() ?? this.warehouse;
    try {
      return await this.buildAt(w, position, watermarkMs, listed);
    } finally {
      if (w !== this.warehouse) await w.close();
    }
  }

  private async buildAt(w: Warehouse, position: number, watermarkMs: number, listed: SnapshotInfo[]): Promise<SnapshotInfo> {
    await this.dropUnlisted(listed, w);
    const prev = listed.filter((s) => s.snapshot < watermarkMs).at(-1);
    if (prev && prev.position > position) throw new Error(`snapshot ${prev.snapshot} is past position ${position}`);
    const t0 = Date.now();
    const counts: number[] = [];
    for (const { view, snapshots, identity } of SNAPSHOT_TABLES) {
      const columns = (await w.query<{ name: string }>(PROJECTION_SQL.render('view-columns'), { db: this.db, t: view }))
        .map((c) => c.name);
      await w.command(
        PROJECTION_SQL.render('snapshot-view', { columns: columnList(columns), identity }),
        {
          db: this.db, snapshots, view, snapshot: watermarkMs, position, watermark: chDateTime64(watermarkMs),
          prev: prev?.snapshot ?? 0, prevPosition: prev?.position ?? 0,
        },
      );
      const [c] = await w.query<{ n: string | number }>(
        PROJECTION_SQL.render('snapshot-rows'),
        { db: this.db, snapshots, snapshot: watermarkMs },
      );
      counts.push(Number(c.n));
    }
    await w.command(
      PROJECTION_SQL.render('snapshot-event-lags'),
      { db: this.db, t: EVENT_LAG_SNAPSHOTS, snapshot: watermarkMs, position, prev: prev?.snapshot ?? 0, prevPosition: prev?.position ?? 0 },
    );
    const [e] = await w.query<{ n: string | number }>(
      PROJECTION_SQL.render('snapshot-rows'),
      { db: this.db, snapshots: EVENT_LAG_SNAPSHOTS, snapshot: watermarkMs },
    );
    const info: SnapshotInfo = {
      snapshot: watermarkMs, position, caseRows: counts[0], pairRows: counts[1], deadlineRows: counts[2], eventRows: Number(e.n),
      builtMs: Date.now() - t0,
    };
    await w.insert(`${this.db}.view_snapshots_v1`, [{
      snapshot: info.snapshot, watermark: chDateTime64(watermarkMs), position, case_rows: info.caseRows, pair_rows: info.pairRows,
      deadline_rows: info.deadlineRows, event_rows: info.eventRows, built_ms: info.builtMs, created_at: chDateTime64(Date.now()),
    }]);
    const retired = retire([...listed, info], this.keep);
    if (retired.length) {
      // Unlisted now, dropped by the next build: a query that picked one a moment ago still reads it.
      await w.command(
        PROJECTION_SQL.render('snapshots-unlist'),
        { db: this.db, retired: retired.map((s) => s.snapshot) },
      );
    }
    return info;
  }

  /** Drops the partitions of unfinished or retired snapshots. */
  async dropUnlisted(listed?: SnapshotInfo[], w: Warehouse = this.warehouse): Promise<void> {
    const keep = new Set((listed ?? (await this.list())).map((s) => s.snapshot));
    for (const snapshots of ALL_SNAPSHOT_TABLES) {
      const parts = await w.query<{ p: string | number }>(
        PROJECTION_SQL.render('snapshot-partitions'),
        { db: this.db, snapshots },
      );
      for (const { p } of parts) {
        const id = Number(p);
        if (keep.has(id) || !Number.isSafeInteger(id)) continue;
        await w.command(PROJECTION_SQL.render('snapshot-drop-partition'), { db: this.db, snapshots, partition: id });
      }
    }
  }
}
