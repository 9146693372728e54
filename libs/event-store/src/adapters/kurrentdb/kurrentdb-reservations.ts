import { BACKWARDS, END, jsonEvent, NO_STREAM } from '@kurrent/kurrentdb-client';
import type { StoredEventRef } from '../../event-store.port';
import { isKurrentWrongExpectedVersion, isStreamNotFound, type KurrentClient } from './kurrentdb-mapping';

/**
 * eventId uniqueness across every stream. KurrentDB indexes events by stream, not by event id (its
 * own idempotency check only looks at the stream being written), so each eventId gets a tiny stream
 * of its own, `trm-eid-<eventId>`, whose last event says where that id stands:
 *
 * - claimed  `{ streamId, contentHash, claimedAt }` — written before the event itself, with an
 *   expected state, so of two writers racing for one id exactly one wins the claim;
 * - stored   `{ streamId, contentHash, revision, position }` — written after the event is in its
 *   case stream (a lookup then costs one read);
 * - released `{ streamId }` — the claimer's case-stream append was refused.
 *
 * The case stream stays the truth: unless a stored marker says so, the id counts as stored only
 * if its event is in the stream the last claim or release names (a writer may die between claim
 * and marker, and a writer that reused an identical claim may have written the event the claimer
 * then released). A claim older than the lease whose event never arrived may be taken over; a
 * writer stalled longer than the lease between its claim and its append could still write a
 * second copy — the lease is far above the append deadline for that reason.
 *
 * Cost: per new event one read, one claim and one marker write on top of the event itself (done
 * in parallel per batch), and two small events per eventId in the log.
 */
export const RESERVATION_STREAM_PREFIX = 'trm-eid-';
const CLAIMED = 'trm.event-id.claimed';
const STORED = 'trm.event-id.stored';
const RELEASED = 'trm.event-id.released';

export type Reservation =
  | { state: 'none' }
  | { state: 'released'; revision: number; streamId: string }
  | { state: 'claimed'; revision: number; streamId: string; contentHash: string; claimedAt: number }
  | { state: 'stored'; revision: number; ref: StoredEventRef };

/** Another writer changed the reservation between our read and our claim. */
export class ReservationRaceError extends Error {
  constructor(readonly eventId: string) {
    super(`eventId ${eventId} was claimed concurrently`);
  }
}

export class Reservations {
  constructor(private readonly client: KurrentClient, private readonly namespace: string) {}

  private stream(eventId: string): string {
    return `${this.namespace}${RESERVATION_STREAM_PREFIX}${eventId}`;
  }

  async read(eventId: string): Promise<Reservation> {
    try {
      for await (const { event } of this.client.readStream(this.stream(eventId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (!event) continue;
        const revision = Number(event.revision);
        const d = event.data as Record<string, unknown>;
        if (event.type === STORED) {
          return {
            state: 'stored', revision,
            ref: { eventId, streamId: String(d.streamId), contentHash: String(d.contentHash), revision: Number(d.revision), position: Number(d.position) },
          };
        }
        if (event.type === CLAIMED) {
          // The writer's clock, not the server's `created`: leases compare it with writers' clocks.
          return { state: 'claimed', revision, streamId: String(d.streamId), contentHash: String(d.contentHash), claimedAt: Number(d.claimedAt) };
        }
        return { state: 'released', revision, streamId: String(d.streamId) };
      }
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
    }
    return { state: 'none' };
  }

  /** Claims `eventId` for an event of `streamId`; returns the claim's revision. */
  async claim(eventId: string, after: Reservation, claim: { streamId: string; contentHash: string }): Promise<number> {
    try {
      const r = await this.client.appendToStream(this.stream(eventId), jsonEvent({ type: CLAIMED, data: { ...claim, claimedAt: Date.now() } }), {
        streamState: after.state === 'none' ? NO_STREAM : BigInt(after.revision),
      });
      return Number(r.nextExpectedRevision);
    } catch (err) {
      throw isKurrentWrongExpectedVersion(err) ? new ReservationRaceError(eventId) : err;
    }
  }

  /**
   * Best effort: a marker that cannot be written leaves a claim, which lookups resolve through the
   * case stream; a lost release leaves a claim that expires with its lease.
   */
  async markStored(claimRevision: number, ref: StoredEventRef): Promise<void> {
    const { eventId, ...data } = ref;
    await this.client.appendToStream(this.stream(eventId), jsonEvent({ type: STORED, data }), { streamState: BigInt(claimRevision) })
      .catch(() => undefined);
  }

  async release(eventId: string, claimRevision: number, streamId: string): Promise<void> {
    await this.client.appendToStream(this.stream(eventId), jsonEvent({ type: RELEASED, data: { streamId } }), { streamState: BigInt(claimRevision) })
      .catch(() => undefined);
  }
}
