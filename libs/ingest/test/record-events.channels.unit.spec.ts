import type { EachBatchPayload } from 'kafkajs';
import { RecordEventsCommand } from '../src/commands/record-events.command';
import { RecordEventsHandler } from '../src/commands/record-events.handler';
import { KafkaChannel } from '../src/kafka/kafka-channel';
import type { SubmissionContext, SubmissionResult } from '../src/submission.types';

/**
 * The Kafka channel without a broker: a batch is handed to the channel as kafkajs would, and it
 * must reach the same RecordEventsHandler as an HTTP request — so the submission is audited and
 * counted there, with the channel `kafka` and the topic's key.
 */
describe('Kafka channel → RecordEventsHandler (no broker)', () => {
  function setUp() {
    const submitted: { items: readonly unknown[]; ctx: SubmissionContext }[] = [];
    const pipeline = {
      submit: async (items: readonly unknown[], ctx: SubmissionContext) => {
        submitted.push({ items, ctx });
        const result: SubmissionResult = {
          submissionId: ctx.submissionId, received: items.length, accepted: 1, duplicates: 0,
          rejected: [{ index: 1, errors: [{ path: '', code: 'forbidden_country', message: 'x' }] }, { index: 2, errors: [{ path: '', code: 'malformed_body', message: 'y' }] }],
        };
        return { result };
      },
    };
    const audit = { records: [] as unknown[], recordSubmission(r: unknown) { this.records.push(r); }, idempotent: () => ({}) };
    const metrics = { calls: [] as unknown[][], recordSubmission(...args: unknown[]) { this.calls.push(args); } };
    const handler = new RecordEventsHandler(pipeline as never, audit as never, metrics as never);
    const commands: RecordEventsCommand[] = [];
    const channel = new KafkaChannel({ execute: (c) => { commands.push(c); return handler.execute(c); } }, { brokers: ['127.0.0.1:1'], countries: ['BG'] });
    const sent: { topic: string; messages: { value: string }[] }[] = [];
    const committed: unknown[] = [];
    Object.assign(channel as unknown as Record<string, unknown>, {
      producer: { send: async (r: { topic: string; messages: { value: string }[] }) => { sent.push(r); } },
      consumer: { commitOffsets: async (o: unknown) => { committed.push(o); } },
    });
    return { channel, submitted, audit, metrics, commands, sent, committed };
  }

  it('submits a batch as a RecordEventsCommand, audited and counted by the handler', async () => {
    const { channel, submitted, audit, metrics, commands, sent, committed } = setUp();
    const messages = [{ country: 'BG' }, { country: 'RO' }, 'not json'].map((v, i) => ({
      offset: String(10 + i), key: Buffer.from(`BG:${i}`), value: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
    }));
    const resolved: string[] = [];
    const payload = {
      batch: { topic: 'trm.events.v1.BG', partition: 0, messages },
      resolveOffset: (o: string) => resolved.push(o), heartbeat: async () => undefined, isRunning: () => true, isStale: () => false,
    };
    await (channel as unknown as { batch(p: EachBatchPayload): Promise<void> }).batch(payload as unknown as EachBatchPayload);

    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(RecordEventsCommand);
    expect(commands[0]).toMatchObject({ channel: 'kafka', key: { id: 'kafka:trm.events.v1.BG', role: 'submitter', countries: ['BG'] } });
    // The unparsable message goes in as a hole, answered with its parse error.
    expect(submitted[0].items).toEqual([{ country: 'BG' }, { country: 'RO' }, null]);
    expect(submitted[0].ctx).toMatchObject({ channel: 'kafka', receivedAt: commands[0].receivedAt });
    expect(audit.records).toEqual([expect.objectContaining({ keyId: 'kafka:trm.events.v1.BG', channel: 'kafka', accepted: 1, receivedAt: commands[0].receivedAt.toISOString() })]);
    expect(metrics.calls).toEqual([['kafka', expect.objectContaining({ accepted: 1 })]]);
    // Rejections to the rejected topic (never the payload), then the offset committed.
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe('trm.events.v1.rejected');
    const rejected = sent[0].messages.map((m) => JSON.parse(m.value));
    expect(rejected.map((r) => [r.offset, r.errors[0].code])).toEqual([['11', 'forbidden_country'], ['12', 'malformed_message']]);
    expect(JSON.stringify(rejected)).not.toContain('not json');
    expect(resolved).toEqual(['12']);
    expect(committed).toEqual([[{ topic: 'trm.events.v1.BG', partition: 0, offset: '13' }]]);
    expect(channel.status()).toMatchObject({ consumed: 3, accepted: 1, rejected: 2 });
  });
});
