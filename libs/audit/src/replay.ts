import { getCatalogue } from '@trm/domain';
import type { EventStore } from '@trm/event-store';
import { computeIndicator, INDICATORS, rowKey } from '@trm/indicators';
import type { Dimension, IndicatorRow } from '@trm/indicators';
import { ALL_SNAPSHOT_TABLES, ProjectorRunner, READ_MODEL_TABLES } from '@trm/projections';
import { loadCatalogue, migrate } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { AUDIT_SQL } from './audit-sql';

export interface ReplayOptions {
  /** Swap the rebuilt tables in as the live ones (the previous ones stay in the replay database). */
  swap?: boolean;
  /** Keep the rebuilt database after comparing (always kept when swapped). */
  keep?: boolean;
}

export interface ReplayDifference {
  indicator: string;
  groupBy: string[];
  row: string;
  live: IndicatorRow | null;
  replay: IndicatorRow | null;
}

export interface ReplayResult {
  ok: boolean;
  replayDatabase: string;
  replayed: number;
  asOf: string;
  comparisons: number;
  differences: ReplayDifference[];
  /**
   * Events neither the rebuild nor (as its comparison shows) the live projector could project, by
   * position, each with the indicators it would have touched in its country had it been projected.
   */
  quarantined: { position: number; eventId: string; caseId: string; country: string; type: string; reason: string; wouldTouch: string[] }[];
  swapped: boolean;
  durationMs: { rebuild: number; compare: number; total: number };
}

export interface ReplayProgress {
  running: boolean;
  phase: 'idle' | 'rebuilding' | 'comparing' | 'swapping' | 'done' | 'failed';
  replayed: number;
  total: number;
  startedAt?: string;
  last?: ReplayResult;
  error?: string;
}

const GROUPINGS: Dimension[][] = [[], ['country'], ['country', 'period:quarter'], ['ageGroup', 'exploitation'], ['toCountry']];
const READ_MODEL_AND_META = [
  ...READ_MODEL_TABLES, ...ALL_SNAPSHOT_TABLES, 'view_snapshots_v1', 'projector_checkpoints_v1', 'catalogue_measures_v1',
  'projector_quarantine_v1',
];

/**
 * The indicators an event of this type feeds (INDICATORS.md): every event feeds the reporting lag;
 * a case's opening every case figure; a retraction whatever the retracted event fed.
 */
export function touchedIndicators(type: string): string[] {
  const feeds = (id: string): boolean => {
    if (id === 'data.reporting_lag') return true;
    switch (type) {
      case 'case.opened': return !id.startsWith('referral.');
      case 'measure.recorded': return id.startsWith('measure.') || id === 'sop.reach' || id === 'case.measures_used';
      case 'referral.sent': case 'referral.received': case 'referral.feedback': return id.startsWith('referral.');
      case 'case.closed': return id === 'measure.overdue';
      default: return true; // event.retracted, or a type this version does not know
    }
  };
  return INDICATORS.map((d) => d.id).filter(feeds);
}

/**
 * Auditors' proof that every published figure follows from the stored events: rebuild the
 * warehouse from the event store into a fresh, versioned database beside the live one, and
 * compare every indicator between the two as of one knowledge time.
 */
export class ReplayService {
  private state: ReplayProgress = { running: false, phase: 'idle', replayed: 0, total: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly warehouse: Warehouse,
    private readonly liveDb: string,
    private readonly liveProjector: ProjectorRunner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  progress(): ReplayProgress {
    return { ...this.state };
  }

  async run(options: ReplayOptions = {}): Promise<ReplayResult> {
    if (this.state.running) throw new Error('a replay is already running');
    const t0 = Date.now();
    const stamp = new Date(t0).toISOString().replace(/[-:T.Z]/g, '').slice(0, 14);
    const db = `${this.liveDb}_replay_${stamp}`;
    this.state = { running: true, phase: 'rebuilding', replayed: 0, total: await this.store.headPosition(), startedAt: new Date(t0).toISOString() };
    let replay: ProjectorRunner | undefined;
    try {
      await migrate(this.warehouse, db);
      await loadCatalogue(this.warehouse, db, getCatalogue()!);
      // Read as the live projector reads (upcasting, legacy referral ids re-keyed), keyed under the same
      // secret; transformed on a thread of its own when the runtime gives one (its inserts overlap it).
      replay = new ProjectorRunner(this.store, this.warehouse, {
        db, batchSize: 50_000, recordKeySecret: this.liveProjector.recordKeySecret, upcast: this.liveProjector.upcast,
        source: this.liveProjector.newReplaySource(),
      });
      await replay.recover();
      // Failing events are quarantined by the rebuild as by the live projector (they never stop it).
      await replay.catchUp((s) => (this.state.replayed = s.projectedEvents));
      const tRebuilt = Date.now();
      // Both sides must know the same events: the live projector reaches the same head first.
      await this.liveProjector.waitForHead(60_000);
      this.state.phase = 'comparing';
      const asOf = this.now();
      const differences: ReplayDifference[] = [];
      let comparisons = 0;
      for (const def of INDICATORS) {
        for (const grouping of GROUPINGS) {
          const groupBy = grouping.filter((d) => def.dimensions.includes(d));
          if (groupBy.length !== grouping.length) continue;
          const q = { asOf, groupBy };
          const [live, rebuilt] = await Promise.all([
            computeIndicator(this.warehouse, this.liveDb, def, q),
            computeIndicator(this.warehouse, db, def, q),
          ]);
          comparisons += 1;
          const l = new Map(live.map((r) => [rowKey(r), r]));
          const r = new Map(rebuilt.map((x) => [rowKey(x), x]));
          for (const k of new Set([...l.keys(), ...r.keys()])) {
            if (JSON.stringify(l.get(k) ?? null) !== JSON.stringify(r.get(k) ?? null)) {
              differences.push({ indicator: def.id, groupBy, row: k, live: l.get(k) ?? null, replay: r.get(k) ?? null });
            }
          }
        }
      }
      const tCompared = Date.now();
      const quarantined = (await replay.quarantine()).map((q) => ({
        position: q.position, eventId: q.eventId, caseId: q.caseId, country: q.country, type: q.type, reason: q.reason,
        wouldTouch: touchedIndicators(q.type),
      }));

      let swapped = false;
      if (options.swap) {
        this.state.phase = 'swapping';
        await this.liveProjector.stop();
        await replay.catchUp((s) => (this.state.replayed = s.projectedEvents));
        for (const table of READ_MODEL_AND_META) {
          await this.warehouse.command(AUDIT_SQL.render('exchange-table'), { a: this.liveDb, b: db, t: table });
        }
        await this.liveProjector.recover();
        this.liveProjector.start();
        swapped = true;
      } else if (!options.keep) {
        await this.warehouse.command(AUDIT_SQL.render('drop-replay-database'), { db });
      }
      const result: ReplayResult = {
        ok: differences.length === 0, replayDatabase: db, replayed: replay.status().projectedEvents, asOf: asOf.toISOString(),
        comparisons, differences: differences.slice(0, 200), quarantined, swapped,
        durationMs: { rebuild: tRebuilt - t0, compare: tCompared - tRebuilt, total: Date.now() - t0 },
      };
      this.state = { ...this.state, running: false, phase: 'done', last: result };
      return result;
    } catch (err) {
      this.state = { ...this.state, running: false, phase: 'failed', error: (err as Error).message };
      if (!this.liveProjector.status().running) {
        await this.liveProjector.recover();
        this.liveProjector.start();
      }
      throw err;
    } finally {
      await replay?.close(); // its source (a worker thread) ends; the runner itself never started a loop
    }
  }
}
