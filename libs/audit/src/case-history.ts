import { upcastData } from '@trm/domain';
import { streamIdOf } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';

export interface CaseHistoryEvent {
  position: number;
  revision: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  submissionId: string;
  keyId: string;
  channel: string;
  hash: string;
  prevHash: string;
  /** Set when a retraction in the stream removed this event. */
  retractedBy?: { eventId: string; recordedAt: string; reason: string };
}

/** A case's full history as stored, in order, with retracted events marked and not hidden. */
export async function caseHistory(store: EventStore, caseId: string): Promise<CaseHistoryEvent[]> {
  const events = await store.readStream(streamIdOf(caseId));
  const retractions = new Map<string, { eventId: string; recordedAt: string; reason: string }>();
  for (const e of events) {
    if (e.type === 'event.retracted') {
      const target = String(e.data.retractsEventId).toLowerCase();
      if (!retractions.has(target)) retractions.set(target, { eventId: e.eventId, recordedAt: e.metadata.recordedAt, reason: String(e.data.reason) });
    }
  }
  return events.map((e) => ({
    position: e.position, revision: e.revision, eventId: e.eventId, type: e.type,
    data: upcastData(e.data),
    recordedAt: e.metadata.recordedAt, submissionId: e.metadata.submissionId, keyId: e.metadata.keyId,
    channel: e.metadata.channel, hash: e.hash, prevHash: e.prevHash,
    ...(retractions.has(e.eventId) ? { retractedBy: retractions.get(e.eventId) } : {}),
  }));
}
