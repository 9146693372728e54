import { streamIdOf } from '@trm/event-store';
import type { EventStore, RecordedEvent } from '@trm/event-store';
import { normalizedDateTime } from '@trm/domain';
import { CaseViewProjection } from './case-view.projection';
import type { OpenedCase } from './case-facts';
import type { CaseRules } from './catalogue-rules';
import { ProjectionError } from './projection-error';
import { batchPayloads, emptyBatch } from './read-model.projection';
import { recordKeyFunction } from './record-key';
import type { ReadModelPayloads } from './read-model.projection';

export interface ProjectedBatch {
  /** JSONCompactEachRow payload per table, in TABLE_COLUMNS order (empty: no rows). */
  tables: ReadModelPayloads;
  /** Events read, quarantined ones included. */
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
  /**
   * The rows of up to `maxCount` events after `afterPosition`, leaving out the events at `skip`
   * (quarantined: they count as read, and as never stored for the case folds).
   */
  next(afterPosition: number, maxCount: number, skip?: ReadonlySet<number>): Promise<ProjectedBatch | undefined>;
  close(): Promise<void>;
}

export type Upcast = (data: Record<string, unknown>) => Record<string, unknown>;

const NO_SKIP: ReadonlySet<number> = new Set();

/**
 * An event as the projection reads it: upcast, and its `occurredAt` in the one normalised form the
 * warehouse takes (events stored before ingest normalised it may carry an offset or a lower-case
 * `z`). An event whose time the warehouse cannot hold is a ProjectionError, not a stalled projector.
 */
export function projectionReader(upcast?: Upcast): (e: RecordedEvent) => RecordedEvent {
  return (e) => {
    let data = upcast ? upcast(e.data) : e.data;
    const occurredAt = data.occurredAt;
    const normal = typeof occurredAt === 'string' ? normalizedDateTime(occurredAt) : undefined;
    if (normal === undefined) {
      throw new ProjectionError(e.position, 'invalid_occurred_at', `the event at position ${e.position} has an occurredAt the warehouse cannot hold`);
    }
    if (normal !== occurredAt) data = { ...data, occurredAt: normal };
    // A copy of the event only when reading changed its data (events of the current schema come back as they are).
    return data === e.data ? e : { ...e, data };
  };
}

/** In this thread: used by tests, replays and the CLI (the server runs it on a worker thread). */
export class InThreadBatchSource implements BatchSource {
  private readonly views: CaseViewProjection;
  private readonly up: (e: RecordedEvent) => RecordedEvent;

  /**
   * `recordKeySecret`: the pseudonym secret, under which the rows' record keys are computed;
   * `rulesFor`: the catalogue rules governing each case (default: the baseline for every case).
   */
  constructor(private readonly store: EventStore, upcast?: Upcast, caseCacheSize?: number, recordKeySecret?: string, rulesFor?: CaseRules<OpenedCase>) {
    this.up = projectionReader(upcast);
    this.views = new CaseViewProjection(
      (caseId) => store.readStream(streamIdOf(caseId)), this.up, caseCacheSize, recordKeyFunction(recordKeySecret), rulesFor,
    );
  }

  async next(afterPosition: number, maxCount: number, skip: ReadonlySet<number> = NO_SKIP): Promise<ProjectedBatch | undefined> {
    const read = await this.store.readAll(afterPosition, maxCount, { hashes: false });
    if (read.length === 0) return undefined;
    this.views.skip = skip;
    const kept = skip.size ? read.filter((e) => !skip.has(e.position)) : read;
    const events = kept.map(this.up);
    const tables = emptyBatch();
    const { rows } = this.views;
    await this.views.project(afterPosition, events, tables, read[read.length - 1].position);
    const last = read[read.length - 1];
    return {
      tables: batchPayloads(tables), count: read.length, lastPosition: last.position, lastRecordedAt: last.metadata.recordedAt,
      viewRows: this.views.rows - rows,
    };
  }

  async close(): Promise<void> {}
}
