import { foldCaseState } from '@trm/domain';
import type { CaseState, StoredEventData } from '@trm/domain';
import { streamIdOf } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';

export { streamIdOf };

/**
 * The write model: each case's state folded from its stream, cached (LRU by insertion order)
 * so a busy case is read from the store once. The cache is only an optimisation — appends carry
 * the expected revision, so a stale entry makes the append fail and the case is re-read.
 */
export class CaseStateCache {
  private readonly states = new Map<string, CaseState>();

  /**
   * A folded state costs about 3.2 KB of heap (13-event demo cases): 200,000 of them were ~640 MB
   * of the ingest thread (issue 18). 50,000 (~160 MB): replaying the demo generator's mix (cases
   * spread over two years) through an LRU of this size, 0.15 % of 1M events and 0.6 % of 2M missed
   * a case that was known (a refold from the store); 100,000 missed none up to 2M. A packed form
   * (a third of the size) cost 10–20 µs of CPU per touched case to unpack and pack again: dearer.
   */
  constructor(private readonly store: EventStore, private readonly capacity = 50_000) {}

  async get(caseId: string): Promise<CaseState> {
    const hit = this.states.get(caseId);
    if (hit) {
      this.states.delete(caseId);
      this.states.set(caseId, hit);
      return hit;
    }
    const events = await this.store.readStream(streamIdOf(caseId));
    const state = foldCaseState(caseId, events.map((e) => e.data as unknown as StoredEventData));
    this.put(caseId, state);
    return state;
  }

  put(caseId: string, state: CaseState): void {
    this.states.delete(caseId);
    this.states.set(caseId, state);
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value as string);
  }

  invalidate(caseIds: Iterable<string>): void {
    for (const id of caseIds) this.states.delete(id);
  }
}
