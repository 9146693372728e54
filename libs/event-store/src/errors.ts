import type { ExpectedState } from './event-store.port';

/** One error for every adapter's native concurrency failure (KurrentDB's WrongExpectedVersion, SQLite's check). */
export class WrongExpectedVersionError extends Error {
  readonly code = 'wrong_expected_version';
  constructor(readonly streamId: string, readonly expected: ExpectedState, readonly actual: number) {
    super(`stream ${streamId}: expected ${String(expected)}, actual revision ${actual}`);
  }
}

/** The eventId is already stored with different content (CONTRACT.md §1 `event_id_conflict`). */
export class EventIdConflictError extends Error {
  readonly code = 'event_id_conflict';
  constructor(readonly eventId: string) {
    super(`eventId ${eventId} is already stored with different content`);
  }
}
