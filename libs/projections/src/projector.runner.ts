import type { EventStore } from '@trm/event-store';
import { chDateTime64, loadCatalogue } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { InThreadBatchSource } from './batch-source';
import type { BatchSource, CandidateCase, ProjectedBatch, Publication, Upcast } from './batch-source';
import { READ_MODEL_TABLES, TABLE_COLUMNS, TABLE_SCHEMAS } from './read-model.projection';
import { ViewSnapshots, snapshotRows } from './view-snapshots';
import { failureCode, ProjectionError } from './projection-error';
import { PROJECTION_SQL } from './projection-sql';
import type { SnapshotInfo } from './view-snapshots';

/** The running projector snapshots only after this long without new events. */
export const SNAPSHOT_AFTER_QUIET_MS = 1_000;

/** After a failed snapshot build, the next is tried this much later. */
export const SNAPSHOT_RETRY_MS = 30_000;

export interface ProjectorOptions {
  db: string;
  /** Name of the checkpoint row; a replay uses its own database and so its own checkpoints. */
  projection?: string;
  batchSize?: number;
  /** Upcasting hook: every stored event passes through it before projection. */
  upcast?: Upcast;
  /** Where events are read and turned into rows (default: this thread). */
  source?: BatchSource;
  /**
   * Snapshot the signed views once this many of their rows were written since the last snapshot
   * (while catching up, at least as many as the last snapshot holds: a build rewrites them all).
   * 0 or unset: no automatic snapshots.
   */
  snapshotRows?: number;
  /** The pseudonym secret: the record keys of disclosure control are HMACs under it (record-key.ts). */
  recordKeySecret?: string;
  /**
   * A new source reading the same store the same way (upcast, secret), for a rebuild into another
   * database (a replay): the server's starts a worker thread, so that the rebuild's transform and
   * its inserts overlap on two cores. Unset: the rebuild transforms in the calling thread.
   */
  replaySource?: () => BatchSource;
}

export interface ProjectorStatus {
  running: boolean;
  checkpoint: number;
  head: number;
  /** The last failure's code (never the warehouse's message, which can quote an event's values). */
  lastError?: string;
  /** Events left out of the read models because they could not be projected. */
  quarantined: number;
  /** The projector has reached the store's head at least once since it started. */
  caughtUp: boolean;
  projectedEvents: number;
  /** A snapshot of the case views is being built (beside the projection and the queries). */
  snapshotting: boolean;
  /** The last catalogue publication projected since start: the live cases it could govern, those folded again, and how long it took. */
  lastPublication?: { position: number; candidates: number; refolded: number; rows: number; ms: number };
}

/** An event the projector left out (projector_quarantine_v1). */
export interface QuarantinedEvent {
  position: number;
  eventId: string;
  caseId: string;
  country: string;
  type: string;
  reason: string;
  quarantinedAt: string;
}

/**
 * Follows the event store from the warehouse's stored checkpoint. Exactly-once effect: rows carry
 * their position; a batch is written to every table and only then checkpointed; on start, rows
 * beyond the checkpoint (a batch cut short by a crash) are deleted before resuming. So after a
 * crash at any point the tables equal those of a clean rebuild.
 */
export class ProjectorRunner {
  private checkpoint = 0;
  private head = 0;
  private projected = 0;
  private running = false;
  private stopping = false;
  private loop?: Promise<void>;
  private lastError?: string;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly source: BatchSource;
  readonly snapshots: ViewSnapshots;
  private viewRowsSinceSnapshot = 0;
  private lastSnapshot?: SnapshotInfo;
  private lastRecordedAtMs = 0;
  private snapshotting = false;
  /** The snapshot build running beside the projection (start()'s loop does not wait for it). */
  private building?: Promise<void>;
  private snapshotFailedAt = 0;
  /** When the last batch was projected. */
  private lastProgressAt = 0;
  /** Positions of quarantined events, loaded at recovery. */
  private readonly quarantined = new Set<number>();
  private caughtUp = false;
  private lastPublication?: ProjectorStatus['lastPublication'];

  constructor(
    private readonly store: EventStore,
    private readonly warehouse: Warehouse,
    private readonly options: ProjectorOptions,
  ) {
    this.source = options.source ?? new InThreadBatchSource(store, options.upcast, undefined, options.recordKeySecret);
    this.snapshots = new ViewSnapshots(warehouse, options.db);
  }

  /** The knowledge time (ms) of the last event projected in this process (0 if none yet). */
  get projectedKnowledgeMs(): number {
    return this.lastRecordedAtMs;
  }

  /** The secret its record keys are computed under (a replay into another database uses the same). */
  get recordKeySecret(): string | undefined {
    return this.options.recordKeySecret;
  }

  /** A source for a rebuild into another database, when the runtime gives one (else undefined: in this thread). */
  newReplaySource(): BatchSource | undefined {
    return this.options.replaySource?.();
  }

  /** The reading step stored events pass through (a replay into another database reads them the same way). */
  get upcast(): Upcast | undefined {
    return this.options.upcast;
  }

  private get projection(): string {
    return this.options.projection ?? 'read_models_v1';
  }

  /** The checkpoint as stored in the warehouse (for processes that read but do not project). */
  async storedCheckpoint(): Promise<number> {
    const [row] = await this.warehouse.query<{ p: string | number }>(
      PROJECTION_SQL.render('checkpoint'),
      { db: this.options.db, projector: this.projection },
    );
    return Number(row?.p ?? 0);
  }

  /** Loads the checkpoint and removes rows of an uncheckpointed batch. */
  async recover(): Promise<number> {
    const { db } = this.options;
    // A build still running would have its partition dropped as unfinished below.
    await this.building;
    this.checkpoint = await this.storedCheckpoint();
    for (const table of READ_MODEL_TABLES) {
      const [c] = await this.warehouse.query<{ n: string | number }>(
        PROJECTION_SQL.render('rows-after-checkpoint'),
        { db, table, cp: this.checkpoint },
      );
      if (Number(c?.n ?? 0) > 0) {
        await this.warehouse.command(
          PROJECTION_SQL.render('delete-after-checkpoint'),
          { db, table, cp: this.checkpoint },
        );
      }
    }
    this.head = await this.store.headPosition();
    for (const q of await this.quarantine()) this.quarantined.add(q.position);
    const listed = await this.snapshots.list();
    await this.snapshots.dropUnlisted(listed);
    this.lastSnapshot = listed.at(-1);
    this.viewRowsSinceSnapshot = this.lastSnapshot && this.lastSnapshot.position >= this.checkpoint ? 0 : (this.options.snapshotRows ?? 0);
    // Knowledge time of the checkpointed event: a snapshot can be built once caught up, even if no
    // new event arrives (after a restart, or a migration that unlisted the snapshots).
    const [last] = this.checkpoint > 0 ? await this.store.readAll(this.checkpoint - 1, 1) : [];
    if (last) this.lastRecordedAtMs = Date.parse(last.metadata.recordedAt);
    return this.checkpoint;
  }

  /**
   * Snapshots the views when enough of their rows were written since the last one: `snapshotRows`
   * when `quiet` (caught up, no new event for a while), else at least as many as it holds.
   */
  private async maybeSnapshot(quiet: boolean, beside = false): Promise<void> {
    const every = this.options.snapshotRows ?? 0;
    if (every <= 0 || this.lastRecordedAtMs <= 0 || this.building) return;
    // A failed build (the warehouse down, out of memory) is tried again a while later, not every loop.
    if (Date.now() - this.snapshotFailedAt < SNAPSHOT_RETRY_MS) return;
    const last = this.lastSnapshot;
    const size = last ? snapshotRows(last) : 0;
    if (this.viewRowsSinceSnapshot < (quiet ? every : Math.max(every, size))) return;
    // Its id is the knowledge time of the checkpointed event: one snapshot per millisecond.
    if (last && (this.lastRecordedAtMs <= last.snapshot || last.position >= this.checkpoint)) return;
    this.snapshotting = true;
    const rowsBefore = this.viewRowsSinceSnapshot;
    const build = (async () => {
      try {
        this.lastSnapshot = await this.snapshots.build(this.checkpoint);
        // Rows projected while it was built are after its position: they count towards the next one.
        this.viewRowsSinceSnapshot = Math.max(0, this.viewRowsSinceSnapshot - rowsBefore);
      } catch (err) {
        this.snapshotFailedAt = Date.now();
        throw err;
      } finally {
        this.snapshotting = false;
        this.building = undefined;
      }
    })();
    if (!beside) return build;
    // Beside the projection: its unfinished partition is never listed, and dropped by the next
    // build or recovery if the process stops here; a failure shows in the status.
    this.building = build.catch((err: unknown) => {
      this.lastError = failureCode(err);
    });
  }

  /** The quarantined events, by position. */
  async quarantine(): Promise<QuarantinedEvent[]> {
    const rows = await this.warehouse.query<Record<string, string | number>>(
      PROJECTION_SQL.render('quarantine'),
      { db: this.options.db, projector: this.projection },
    );
    return rows.map((r) => ({
      position: Number(r.position), eventId: String(r.event_id), caseId: String(r.case_id), country: String(r.country),
      type: String(r.type), reason: String(r.reason), quarantinedAt: `${String(r.quarantined_at).replace(' ', 'T')}Z`,
    }));
  }

  /**
   * After a batch failed twice: find the event that fails, quarantine it, and go on. A failure the
   * projection names (ProjectionError) gives the event; a failure of the warehouse's insert is
   * narrowed by halving the batch until one event fails alone — and only while the warehouse
   * answers, so an outage never quarantines good events. Returns once an event was quarantined or
   * a batch's worth of events went through (the failure did not come back).
   */
  private async isolate(first: unknown): Promise<void> {
    let err = first;
    let size = this.options.batchSize ?? 50_000;
    let through = 0;
    for (;;) {
      await this.recover();
      if (err instanceof ProjectionError) return this.quarantineEvent(err.position, err.code);
      await this.warehouse.ping(); // throws while the warehouse is down: the loop retries later
      if (size === 1) {
        const read = await this.store.readAll(this.checkpoint, 1 + this.quarantined.size, { hashes: false });
        const target = read.find((e) => !this.quarantined.has(e.position));
        if (target) await this.quarantineEvent(target.position, failureCode(err));
        return;
      }
      size = Math.max(1, Math.floor(size / 2));
      try {
        for (;;) {
          const n = await this.step(size);
          through += n;
          if (n === 0 || through >= (this.options.batchSize ?? 50_000)) return;
        }
      } catch (e) {
        err = e;
      }
    }
  }

  private async quarantineEvent(position: number, reason: string): Promise<void> {
    const [e] = await this.store.readAll(position - 1, 1, { hashes: false });
    const data = (e?.position === position ? e.data : {}) as { caseId?: unknown; country?: unknown };
    await this.warehouse.insert(`${this.options.db}.projector_quarantine_v1`, [{
      projector: this.projection, position, event_id: e?.position === position ? e.eventId : '',
      case_id: typeof data.caseId === 'string' ? data.caseId : '', country: typeof data.country === 'string' ? data.country : '',
      type: e?.position === position ? e.type : '', reason, quarantined_at: chDateTime64(Date.now()),
    }]);
    this.quarantined.add(position);
  }

  /** Projects one batch after the checkpoint; returns how many events it read (quarantined ones included). */
  async step(size = this.options.batchSize ?? 50_000): Promise<number> {
    // Two steps from one checkpoint would insert the same rows twice: refused, not raced.
    if (this.stepping) throw new Error('a projector step is already running (catchUp/step beside the running loop?)');
    this.stepping = true;
    try {
      return await this.stepOnce(size);
    } finally {
      this.stepping = false;
    }
  }

  private stepping = false;

  private async stepOnce(size: number): Promise<number> {
    let batch = await this.source.next(this.checkpoint, size, this.quarantined);
    if (!batch) return 0;
    const started = Date.now();
    if (batch.publication) batch = await this.publication(batch.publication);
    const { db } = this.options;
    await Promise.all(READ_MODEL_TABLES.map((t) => (batch.format === 'RowBinary'
      ? this.warehouse.insertRowBinary(`${db}.${t}`, batch.tables[t], TABLE_COLUMNS[t], TABLE_SCHEMAS[t].types)
      : this.warehouse.insertNdjson(`${db}.${t}`, batch.tables[t], TABLE_COLUMNS[t]))));
    await this.warehouse.insert(`${db}.projector_checkpoints_v1`, [
      { projector: this.projection, position: batch.lastPosition, updated_at: chDateTime64(Date.now()) },
    ]);
    this.checkpoint = batch.lastPosition;
    if (batch.refolded !== undefined && this.lastPublication?.position === batch.lastPosition) this.lastPublication.ms = Date.now() - started;
    this.projected += batch.count;
    this.viewRowsSinceSnapshot += batch.viewRows;
    this.lastRecordedAtMs = Date.parse(batch.lastRecordedAt);
    this.releaseWaiters();
    this.lastProgressAt = Date.now();
    return batch.count;
  }

  /**
   * A catalogue publication: its document joins catalogue_measures_v1, then the live cases it may
   * govern are folded again (the rows of those whose document changes, stamped with its recordedAt).
   */
  private async publication(p: Publication): Promise<ProjectedBatch> {
    const { db } = this.options;
    await loadCatalogue(this.warehouse, db, p.catalogue);
    const rows = await this.warehouse.query<{ case_id: string; country: string; opened_ms: string | number }>(
      PROJECTION_SQL.render('catalogue-cases', { country: p.affects.country !== undefined }),
      { db, openedFrom: chDateTime64(Date.parse(p.affects.openedFrom)), ...(p.affects.country !== undefined ? { country: p.affects.country } : {}) },
    );
    const candidates: CandidateCase[] = rows.map((r) => ({ caseId: r.case_id, country: r.country, openedMs: Number(r.opened_ms) }));
    const batch = await this.source.refold(p.position, candidates);
    this.lastPublication = { position: p.position, candidates: candidates.length, refolded: batch.refolded ?? 0, rows: batch.viewRows, ms: 0 };
    return batch;
  }

  /**
   * Projects until the store's head at call time is reached (a rebuild, a replay, a test), with
   * snapshots on the way once the views grew by a snapshot's size, and at the end.
   */
  async catchUp(onBatch?: (status: ProjectorStatus) => void): Promise<void> {
    this.head = await this.store.headPosition();
    // The loop (start()) is projecting: stepping beside it would read and insert the same batches a
    // second time (every event counted twice). Follow it to the head instead.
    const head = this.head;
    while (this.running && this.checkpoint < head) {
      await new Promise((r) => setTimeout(r, 100));
      onBatch?.(this.status());
    }
    if (this.running) return;
    let failures = 0;
    while (this.checkpoint < this.head) {
      let n: number;
      try {
        n = await this.step();
        failures = 0;
      } catch (err) {
        // A batch that fails is tried once more (from a clean checkpoint), then its failing event isolated.
        if (++failures === 1) {
          await this.recover();
          continue;
        }
        await this.isolate(err);
        failures = 0;
        continue;
      }
      if (n === 0) break;
      onBatch?.(this.status());
      await this.maybeSnapshot(this.checkpoint >= this.head);
    }
    if (this.checkpoint >= this.head) this.caughtUp = true;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = (async () => {
      let failed = false;
      let failures = 0;
      let lastFailure: unknown;
      while (!this.stopping) {
        try {
          // After a failed batch some tables may hold its rows: remove them before projecting again.
          if (failed) await this.recover();
          // The same batch failed again: isolate the event that fails, quarantine it, go on.
          if (failures >= 2) {
            await this.isolate(lastFailure);
            failures = 0;
          }
          failed = false;
          this.head = await this.store.headPosition();
          if (this.checkpoint >= this.head) {
            this.caughtUp = true;
            // Caught up: snapshot once the store has been quiet a while. A build takes seconds
            // and both cores: not in the middle of a burst of submissions — unless events never
            // stop coming, and the views grew by as much as the snapshot holds.
            // The build runs beside the projection (on chDB, on connections of its own), so new
            // events become visible and queries are answered while it runs.
            await this.maybeSnapshot(Date.now() - this.lastProgressAt >= SNAPSHOT_AFTER_QUIET_MS, true);
            await this.store.waitForAppend(this.checkpoint, 500);
            continue;
          }
          await this.step();
          this.lastError = undefined;
          failures = 0;
        } catch (err) {
          failed = true;
          failures += 1;
          lastFailure = err;
          this.lastError = failureCode(err);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      this.running = false;
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.building;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.source.close();
  }

  /**
   * Waits until the warehouse shows every event the store held when called, so an answer "as of
   * now" is complete. Works in this process (projector running here) or across processes.
   */
  async waitForHead(timeoutMs: number): Promise<{ complete: boolean; position: number }> {
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    if (this.running) {
      try {
        await this.waitFor(head, timeoutMs);
      } catch {
        return { complete: false, position: this.checkpoint };
      }
      return { complete: true, position: this.checkpoint };
    }
    for (;;) {
      const cp = await this.storedCheckpoint();
      if (cp >= head) return { complete: true, position: cp };
      if (Date.now() > deadline) return { complete: false, position: cp };
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resolves once everything up to `position` is visible in the warehouse. */
  waitFor(position: number, timeoutMs = 30_000): Promise<void> {
    if (this.checkpoint >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`projector did not reach ${position} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ position, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  private releaseWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.checkpoint) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  status(): ProjectorStatus {
    return {
      running: this.running, checkpoint: this.checkpoint, head: this.head, lastError: this.lastError, projectedEvents: this.projected,
      snapshotting: this.snapshotting, quarantined: this.quarantined.size, caughtUp: this.caughtUp,
      ...(this.lastPublication ? { lastPublication: { ...this.lastPublication } } : {}),
    };
  }
}
