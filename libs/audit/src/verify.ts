import { contentHash } from '@trm/domain';
import type { StoredEventData } from '@trm/domain';
import { chainHash, GENESIS_HASH, globalChainHash } from '@trm/event-store';
import type { EventStore, RecordedEvent } from '@trm/event-store';

export type ProblemKind = 'altered' | 'missing' | 'reordered';

export interface VerifyProblem {
  kind: ProblemKind;
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  streams: number;
  /** Position and running hash of the last event: record them elsewhere to anchor the store. */
  head: { position: number; globalHash?: string };
  problems: VerifyProblem[];
  durationMs: number;
}

/**
 * Recomputes the tamper evidence written at append time: each event's content hash from its data,
 * each stream's hash chain (revision continuity, previous hash), and — where the store keeps one —
 * the running hash of the global sequence (position continuity). Names every event found altered,
 * missing (a gap it leaves) or reordered.
 */
export async function verifyEventStore(store: EventStore, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const t0 = Date.now();
  const problems: VerifyProblem[] = [];
  const streams = new Map<string, { revision: number; hash: string }>();
  let checked = 0;
  let lastPosition = 0;
  let globalHash = GENESIS_HASH;
  let globalChainKept = true;
  const problem = (kind: ProblemKind, e: RecordedEvent, detail: string) =>
    problems.length < 1000 && problems.push({ kind, position: e.position, eventId: e.eventId, streamId: e.streamId, revision: e.revision, detail });

  for (let after = 0; ;) {
    const page = await store.readAll(after, 10_000);
    if (page.length === 0) break;
    for (const e of page) {
      checked += 1;
      if (contentHash(e.data as unknown as StoredEventData) !== e.contentHash) {
        problem('altered', e, 'the stored data does not match its content hash');
      }
      const recomputed = chainHash(e.prevHash, e);
      if (recomputed !== e.hash) problem('altered', e, 'the event hash does not match its content, metadata and position in the stream');
      const prev = streams.get(e.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      if (e.revision > prev.revision + 1) {
        problem('missing', e, `revisions ${prev.revision + 1}..${e.revision - 1} of the stream are missing before this event`);
      } else if (e.revision <= prev.revision) {
        problem('reordered', e, `revision ${e.revision} appears after revision ${prev.revision} of the same stream`);
      } else if (e.prevHash !== prev.hash) {
        problem('altered', e, 'the link to the previous event of the stream is broken');
      }
      streams.set(e.streamId, { revision: Math.max(prev.revision, e.revision), hash: e.hash });
      if (e.globalHash === undefined) {
        globalChainKept = false;
      } else if (globalChainKept) {
        if (e.position !== lastPosition + 1) problem('missing', e, `positions ${lastPosition + 1}..${e.position - 1} are missing before this event`);
        const expected = globalChainHash(globalHash, e.position, recomputed);
        if (expected !== e.globalHash) problem('altered', e, 'the running hash of the global sequence is broken here');
        globalHash = e.globalHash;
      }
      lastPosition = e.position;
    }
    after = page[page.length - 1].position;
    onProgress?.(checked);
  }
  return {
    ok: problems.length === 0, checked, streams: streams.size,
    head: { position: lastPosition, globalHash: globalChainKept && checked > 0 ? globalHash : undefined },
    problems, durationMs: Date.now() - t0,
  };
}
