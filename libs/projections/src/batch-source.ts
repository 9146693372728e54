import { streamIdOf } from '@trm/event-store';
import type { EventStore, RecordedEvent } from '@trm/event-store';
import { CATALOGUE_STREAM, isCatalogueEvent, normalizedDateTime, publishedDocumentOf } from '@trm/domain';
import type { Catalogue, CatalogueDocument } from '@trm/domain';
import { CaseViewProjection } from './case-view.projection';
import { CatalogueInForce } from './catalogue-rules';
import type { GovernedOpening } from './catalogue-rules';
import { ProjectionError } from './projection-error';
import { batchPayloads, emptyBatch } from './read-model.projection';
import { recordKeyFunction } from './record-key';
import type { ReadModelPayloads } from './read-model.projection';
import type { RowFormat } from './row-writer';

export interface ProjectedBatch {
  /** The rows per table, in `format` with the values in TABLE_COLUMNS order (empty: no rows). */
  tables: ReadModelPayloads;
  format: RowFormat;
  /** Events read, quarantined ones included. */
  count: number;
  lastPosition: number;
  /** recordedAt of the last event (knowledge time only grows along positions). */
  lastRecordedAt: string;
  /** Rows of the signed views (case_view_v1, measure_view_v1) in the batch. */
  viewRows: number;
  /**
   * Set instead of rows when the next event is a catalogue publication: nothing was read into the
   * batch (`count` 0). The runner loads the document into the warehouse, finds the live cases it may
   * govern (`affects`) and asks for `refold`.
   */
  publication?: Publication;
  /** For a publication's batch: the cases folded again (their governing document changed). */
  refolded?: number;
}

/** A catalogue.published event the projector reached. */
export interface Publication {
  position: number;
  recordedAt: string;
  /** The document resolved (a profile onto its base), as catalogue_measures_v1 holds it. */
  catalogue: Catalogue;
  /** The live cases it may govern: of its country (a national profile) or all, opened from its effectiveFrom. */
  affects: { country?: string; openedFrom: string };
}

/** A live case that a publication may govern, as the warehouse lists it. */
export type CandidateCase = GovernedOpening & { caseId: string };

export function publicationScope(doc: CatalogueDocument): Publication['affects'] {
  return { ...(doc.kind === 'national' ? { country: doc.country } : {}), openedFrom: `${doc.effectiveFrom}T00:00:00.000Z` };
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
  /**
   * Projects the publication at `position` (the batch before it announced it): folds again the
   * candidates whose governing document it changes. The batch reads that one event.
   */
  refold(position: number, candidates: readonly CandidateCase[]): Promise<ProjectedBatch>;
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

  /** The position up to which `views.catalogue` holds the published documents. */
  private catalogueAt?: number;

  /**
   * `recordKeySecret`: the pseudonym secret, under which the rows' record keys are computed.
   * `format`: of the rows (RowBinary; JSONCompactEachRow to compare, row-formats.int.spec.ts).
   */
  constructor(
    private readonly store: EventStore, upcast?: Upcast, caseCacheSize?: number, recordKeySecret?: string,
    private readonly format: RowFormat = 'RowBinary',
  ) {
    this.up = projectionReader(upcast);
    this.views = new CaseViewProjection(
      (caseId) => store.readStream(streamIdOf(caseId), { hashes: false }), this.up, caseCacheSize, recordKeyFunction(recordKeySecret), undefined, format,
    );
  }

  /** The documents published at or before `position` (read again after a restart, a retry or a jump). */
  private async catalogueUpTo(position: number, skip: ReadonlySet<number>): Promise<void> {
    if (this.catalogueAt === position) return;
    const stream = await this.store.readStream(CATALOGUE_STREAM);
    const known = stream.filter((e) => e.position <= position && !skip.has(e.position) && isCatalogueEvent(e));
    this.views.catalogue = new CatalogueInForce(new CatalogueInForce().published.concat(known.map(publishedDocumentOf)));
    this.catalogueAt = position;
  }

  async next(afterPosition: number, maxCount: number, skip: ReadonlySet<number> = NO_SKIP): Promise<ProjectedBatch | undefined> {
    let read = await this.store.readAll(afterPosition, maxCount, { hashes: false });
    if (read.length === 0) return undefined;
    await this.catalogueUpTo(afterPosition, skip);
    this.catalogueAt = undefined; // until this batch is projected
    this.views.skip = skip;
    // A publication changes the rules the cases after it are folded under: it is projected alone.
    const cut = read.findIndex((e) => isCatalogueEvent(e) && !skip.has(e.position));
    if (cut === 0) {
      const e = read[0];
      const doc = publishedDocumentOf(e);
      this.catalogueAt = afterPosition;
      return {
        tables: batchPayloads(emptyBatch(this.format)), format: this.format, count: 0, lastPosition: afterPosition, lastRecordedAt: e.metadata.recordedAt, viewRows: 0,
        publication: {
          position: e.position, recordedAt: e.metadata.recordedAt,
          catalogue: this.views.catalogue.with(doc).catalogue(doc.document.id), affects: publicationScope(doc.document),
        },
      };
    }
    if (cut > 0) read = read.slice(0, cut);
    const kept = (skip.size ? read.filter((e) => !skip.has(e.position)) : read).filter((e) => !isCatalogueEvent(e));
    const events = kept.map(this.up);
    const tables = emptyBatch(this.format);
    const { rows } = this.views;
    await this.views.project(afterPosition, events, tables, read[read.length - 1].position);
    const last = read[read.length - 1];
    this.catalogueAt = last.position;
    return {
      tables: batchPayloads(tables), format: this.format, count: read.length, lastPosition: last.position, lastRecordedAt: last.metadata.recordedAt,
      viewRows: this.views.rows - rows,
    };
  }

  async refold(position: number, candidates: readonly CandidateCase[]): Promise<ProjectedBatch> {
    const [e] = await this.store.readAll(position - 1, 1, { hashes: false });
    if (e?.position !== position || !isCatalogueEvent(e)) throw new Error(`no catalogue publication at position ${position}`);
    await this.catalogueUpTo(position - 1, this.views.skip);
    const tables = emptyBatch(this.format);
    const { rows } = this.views;
    const at = { position, recordedAt: e.metadata.recordedAt };
    const refolded = await this.views.refold(candidates, this.views.catalogue.with(publishedDocumentOf(e)), at, tables);
    this.catalogueAt = position;
    return { tables: batchPayloads(tables), format: this.format, count: 1, lastPosition: position, lastRecordedAt: at.recordedAt, viewRows: this.views.rows - rows, refolded };
  }

  async close(): Promise<void> {}
}
