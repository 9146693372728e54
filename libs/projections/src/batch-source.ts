import type { EventStore } from '@trm/event-store';
import { projectEvents } from './read-model.projection';
import type { ReadModelBatch } from './read-model.projection';

export interface ProjectedBatch {
  /** JSONEachRow payload per table (empty string: no rows). */
  tables: ReadModelBatch;
  count: number;
  lastPosition: number;
}

/** Reads the events after a position and turns them into warehouse rows. */
export interface BatchSource {
  next(afterPosition: number, maxCount: number): Promise<ProjectedBatch | undefined>;
  close(): Promise<void>;
}

export type Upcast = (data: Record<string, unknown>) => Record<string, unknown>;

/** In this thread: used by tests, replays and the CLI. */
export class InThreadBatchSource implements BatchSource {
  constructor(private readonly store: EventStore, private readonly upcast?: Upcast) {}

  async next(afterPosition: number, maxCount: number): Promise<ProjectedBatch | undefined> {
    const events = await this.store.readAll(afterPosition, maxCount, { hashes: false });
    if (events.length === 0) return undefined;
    const up = this.upcast;
    const tables = projectEvents(up ? events.map((e) => ({ ...e, data: up(e.data) })) : events);
    return { tables, count: events.length, lastPosition: events[events.length - 1].position };
  }

  async close(): Promise<void> {}
}
