import type { EventError } from './errors';

/**
 * What a submission came to (CONTRACT.md §2 "Submitting"): the ingest pipeline answers it, the
 * audit log keeps it. Here, below both, so that neither imports the other.
 */
export interface Rejection {
  index: number;
  /** Only when it is a well-formed UUID: nothing else of a rejected event is ever echoed or stored. */
  eventId?: string;
  errors: EventError[];
}

export interface SubmissionResult {
  submissionId: string;
  received: number;
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Only on a replayed answer (Idempotency-Key) whose stored rejections were cut to the audit log's MAX_STORED_REJECTIONS. */
  rejectedCount?: number;
}
