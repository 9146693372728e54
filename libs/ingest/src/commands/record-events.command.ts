import { Command } from '@nestjs/cqrs';
import type { ApiKey } from '@trm/auth';
import type { PreparedEvents } from '../preparation/prepared-events';
import type { SubmissionResult } from '../submission.types';

/**
 * Ingest as a command: a submission of parsed (not yet validated) events, or of events already
 * prepared off this thread (IngestPipeline.prepareBody), from either channel (an HTTP request, a
 * Kafka batch). Its one handler appends, audits and counts it.
 */
export class RecordEventsCommand extends Command<SubmissionResult> {
  constructor(
    readonly items: readonly unknown[] | PreparedEvents,
    readonly key: ApiKey,
    readonly channel: 'http' | 'kafka',
    readonly idempotency?: { key: string; bodySha256: string },
    /** Receipt time: the `occurredAt` future check, the events' `recordedAt`, the audit log. */
    readonly receivedAt: Date = new Date(),
  ) {
    super();
  }
}
