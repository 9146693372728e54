import { streamIdOf } from '@trm/event-store';
import type { EventStore, RecordedEvent } from '@trm/event-store';
import { CaseViewProjection } from './case-view.projection';
import { batchPayloads, emptyBatch } from './read-model.projection';
import { recordKeyFunction } from './record-key';
import type { ReadModelPayloads } from './read-model.projection';

export interface ProjectedBatch {
  /** JSONCompactEachRow payload per table, in TABLE_COLUMNS order (empty: no rows). */
  tables: ReadModelPayloads;
  count: number;
  lastPosition: number;
  /** recordedAt of the last event (knowledge time only grows along positions). */
  lastRecordedAt: string;
  /** Rows of the signed views (case_view_v1, measure_view_v1) in the batch. */
  viewRows: number;
}

/**
 * Reads the events after a position and turns them into warehouse rows. Stateful: batches must be
 * asked for in order; asking again after a position (a retry after a failed insert) refolds the
 * cases concerned from the event store.
 */
export interface BatchSource {
  next(afterPosition: number, maxCount: number): Promise<ProjectedBatch | undefined>;
  close(): Promise<void>;
}

export type Upcast = (data: Record<string, unknown>) => Record<string, unknown>;

/** In this thread: used by tests, replays and the CLI (the server runs it on a worker thread). */
export class InThreadBatchSource implements BatchSource {
  private readonly views: CaseViewProjection;
  private readonly up?: (e: RecordedEvent) => RecordedEvent;

  /** `recordKeySecret`: the pseudonym secret, under which the rows' record keys are computed. */
  constructor(private readonly store: EventStore, upcast?: Upcast, caseCacheSize?: number, recordKeySecret?: string) {
    // A copy of the event only when upcasting changed its data (events of the current schema
    // come back as they are).
    this.up = upcast && ((e) => {
      const data = upcast(e.data);
      return data === e.data ? e : { ...e, data };
    });
    this.views = new CaseViewProjection((caseId) => store.readStream(streamIdOf(caseId)), this.up, caseCacheSize, recordKeyFunction(recordKeySecret));
  }

  async next(afterPosition: number, maxCount: number): Promise<ProjectedBatch | undefined> {
    const read = await this.store.readAll(afterPosition, maxCount, { hashes: false });
    if (read.length === 0) return undefined;
    const events = this.up ? read.map(this.up) : read;
    const tables = emptyBatch();
    const { rows } = this.views;
    await this.views.project(afterPosition, events, tables);
    const last = events[events.length - 1];
    return {
      tables: batchPayloads(tables), count: events.length, lastPosition: last.position, lastRecordedAt: last.metadata.recordedAt,
      viewRows: this.views.rows - rows,
    };
  }

  async close(): Promise<void> {}
}
