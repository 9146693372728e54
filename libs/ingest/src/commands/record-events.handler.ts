import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AuditLogStore } from '@trm/audit';
import { DomainError } from '@trm/domain';
import { TrmMetrics } from '@trm/runtime/metrics';
import { IngestPipeline } from '../ingest.pipeline';
import type { SubmissionResult } from '../submission.types';
import { RecordEventsCommand } from './record-events.command';

/**
 * The one way into the event store for submissions: HTTP (through the command bus) and Kafka (the
 * runtime hands this handler to the Kafka channel) both end here, so a submission is audited and
 * counted in one place whatever its channel.
 */
@CommandHandler(RecordEventsCommand)
export class RecordEventsHandler implements ICommandHandler<RecordEventsCommand, SubmissionResult> {
  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly audit: AuditLogStore,
    private readonly metrics: TrmMetrics,
  ) {}

  async execute(cmd: RecordEventsCommand): Promise<SubmissionResult> {
    if (cmd.idempotency) {
      const earlier = this.audit.idempotent(cmd.key.id, cmd.idempotency.key, cmd.idempotency.bodySha256);
      if (earlier.mismatch) throw new DomainError('conflict', 'this Idempotency-Key was used for a different body');
      if (earlier.submission) {
        // The first answer; past MAX_STORED_REJECTIONS only the first rejections were kept, and
        // the count says how many there were.
        const { keyId: _k, channel: _c, receivedAt: _r, rejectedCount, ...answer } = earlier.submission;
        return rejectedCount !== undefined && rejectedCount > answer.rejected.length ? { ...answer, rejectedCount } : answer;
      }
    }
    const { receivedAt } = cmd;
    const { result } = await this.pipeline.submit(cmd.items, {
      key: cmd.key, channel: cmd.channel, submissionId: randomUUID(), receivedAt,
    });
    this.audit.recordSubmission(
      { ...result, keyId: cmd.key.id, channel: cmd.channel, receivedAt: receivedAt.toISOString() },
      cmd.idempotency,
    );
    this.metrics.recordSubmission(cmd.channel, result);
    return result;
  }
}
