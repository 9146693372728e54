import { BACKWARDS, END, START, streamNameFilter } from '@kurrent/kurrentdb-client';
import type { Filter, ReadPosition } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../../event-store.port';
import { isTransient, kurrentPosition, positionNumber, toRecorded, type KurrentClient } from './kurrentdb-mapping';

const SEEK_PAGE = 512;

/**
 * The global order: `$all` filtered server-side to the case streams (a stream-name prefix, so
 * reservation and system streams never reach us), positioned by KurrentDB commit positions.
 */
export class AllReader {
  private readonly caseFilter: Filter;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  /** `prefixes`: the case-stream prefix, and the names of the other streams of the global order (the catalogue's). */
  constructor(private readonly client: KurrentClient, private readonly namespace: string, prefixes: string[]) {
    this.caseFilter = streamNameFilter({ prefixes });
  }

  async readAll(afterPosition: number, maxCount: number): Promise<RecordedEvent[]> {
    if (maxCount <= 0) return [];
    if (afterPosition <= 0) return this.readForwards(START, 0, maxCount);
    try {
      const page = await this.readForwards(kurrentPosition(afterPosition), afterPosition, maxCount);
      // Empty although later events exist: the position was not a record boundary (older servers say nothing).
      if (page.length > 0 || (await this.headPosition()) <= afterPosition) return page;
    } catch (err) {
      // KurrentDB refuses to read from inside a record ("invalid position"): callers may pass any number.
      if (isTransient(err)) throw err;
    }
    const start = await this.lastPositionAtOrBefore(afterPosition);
    return this.readForwards(start > 0 ? kurrentPosition(start) : START, afterPosition, maxCount);
  }

  private async readForwards(from: ReadPosition, after: number, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    // One more than asked: a read from a position includes the event there, which the caller already has.
    for await (const { event } of this.client.readAll({ fromPosition: from, maxCount: maxCount + 1, filter: this.caseFilter })) {
      if (!event) continue;
      const e = toRecorded(event, event.streamId.slice(this.namespace.length));
      if (e.position <= after) continue;
      events.push(e);
      if (events.length === maxCount) break;
    }
    return events;
  }

  /** The position of the last case event at or before `position` (0 if none): a valid place to start a read. */
  private async lastPositionAtOrBefore(position: number): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      let last: number | undefined;
      for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: SEEK_PAGE, filter: this.caseFilter })) {
        if (!event) continue;
        seen += 1;
        const p = positionNumber(event.position, 'a case event');
        if (p <= position) return p;
        last = p;
      }
      if (seen < SEEK_PAGE || last === undefined) return 0;
      from = kurrentPosition(last);
    }
  }

  async headPosition(): Promise<number> {
    for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: this.caseFilter })) {
      if (event) return positionNumber(event.position, 'the last case event');
    }
    return 0;
  }

  /** A short-lived filtered subscription from the end of `$all`; resolves on the first case event or the timeout. */
  async waitForAppend(afterPosition: number, timeoutMs: number): Promise<void> {
    if (this.closed) return;
    const head = await this.headPosition();
    if (head > afterPosition || this.closed) return; // closed meanwhile: nothing is left to wait on
    await new Promise<void>((resolve) => {
      const sub = this.client.subscribeToAll({ fromPosition: END, filter: this.caseFilter });
      const finish = () => {
        if (!this.waiters.delete(finish)) return;
        clearTimeout(timer);
        sub.unsubscribe().catch(() => undefined);
        resolve();
      };
      this.waiters.add(finish);
      const timer = setTimeout(finish, timeoutMs);
      sub.on('data', finish);
      // A broken subscription ends the wait early; the caller's next read reports a lasting problem.
      sub.on('error', finish);
      // An event may have landed between the head read and the subscription going live.
      sub.once('confirmation', () => {
        this.headPosition().then((now) => now > afterPosition && finish(), finish);
      });
    });
  }

  /** Ends pending waits (their subscriptions are cancelled with them). */
  close(): void {
    this.closed = true;
    for (const finish of [...this.waiters]) finish();
  }
}
