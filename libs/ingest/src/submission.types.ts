import type { EventError } from '@trm/domain';
import type { ApiKey } from '@trm/auth';

// The outcome types live in the domain, below the audit log that stores them.
export type { Rejection, SubmissionResult } from '@trm/domain';

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
