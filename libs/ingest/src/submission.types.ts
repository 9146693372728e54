import type { EventError } from '@trm/domain';
import type { ApiKey } from '@trm/auth';

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
  /** Only on a replayed answer (Idempotency-Key) whose stored rejections were cut to the first 1,000. */
  rejectedCount?: number;
}

export interface SubmissionContext {
  key: ApiKey;
  channel: 'http' | 'kafka';
  submissionId: string;
  /** Receipt time: the `occurredAt` future check and the events' `recordedAt`. */
  receivedAt: Date;
  /**
   * Knowledge time to record, for internal loaders only (demo data, tests replaying a history):
   * still never earlier than anything recorded before. HTTP and Kafka never set it.
   */
  recordedAt?: Date;
}

/** Per-event outcome, a value rather than an exception (the pipeline's steps never throw for bad input). */
export type EventOutcome =
  | { kind: 'accepted'; position?: number }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; errors: EventError[] };
