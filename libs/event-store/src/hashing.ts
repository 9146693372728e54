import { hash } from 'node:crypto';
import type { EventMetadata } from '@trm/domain';

/** Hash of the empty chain: the `prevHash` of a stream's first event and of the global sequence's start. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  /** sha-256 of the canonical event data, computed by the caller; the audit verifier recomputes it from the data. */
  contentHash: string;
  metadata: EventMetadata;
}

/**
 * Tamper evidence: each event's hash covers its canonical form (through the content hash of its
 * data) and the previous event of its stream, so editing, deleting or reordering an event breaks
 * every later link of the chain.
 */
export function chainHash(prevHash: string, e: HashableEvent): string {
  const m = e.metadata;
  // A fixed, unambiguous layout (no field can hold a newline: ids, codes and an ISO instant).
  return hash(
    'sha256',
    `${prevHash}\n${e.streamId}\n${e.revision}\n${e.eventId}\n${e.type}\n${e.contentHash}\n${m.recordedAt}\n${m.submissionId}\n${m.keyId}\n${m.channel}`,
    'hex',
  );
}

/** The running hash of the global sequence: each position folds in the event's own hash. */
export function globalChainHash(prevGlobalHash: string, position: number, eventHash: string): string {
  return hash('sha256', `${prevGlobalHash}\n${position}\n${eventHash}`, 'hex');
}
