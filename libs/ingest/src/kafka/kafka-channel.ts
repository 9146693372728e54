import { Kafka, logLevel } from 'kafkajs';
import type { Admin, Consumer, EachBatchPayload, Producer } from 'kafkajs';
import type { EventError } from '@trm/domain';
import { RecordEventsCommand } from '../commands/record-events.command';
import { BodyParseError } from '../parsing/body-parse.error';
import { parseGuarded, utf8Text } from '../parsing/json-guard';
import type { SubmissionResult } from '../submission.types';
import { INPUT_TOPIC_PATTERN, inputTopic, REJECTED_TOPIC } from './event-transport.port';
import type { EventTransport, TransportStatus } from './event-transport.port';

export interface KafkaChannelOptions {
  brokers: string[];
  groupId?: string;
  clientId?: string;
  /** Countries whose input topics are created (if missing) and consumed from the start. */
  countries: string[];
}

/** Where a batch goes: RecordEventsHandler (or a command bus holding it), as an HTTP request does. */
export interface RecordEvents {
  execute(command: RecordEventsCommand): Promise<SubmissionResult>;
}

/**
 * CONTRACT.md §3: one input topic per reporting country; each batch of a partition is one
 * submission through the same command handler as HTTP (appended, audited, counted); rejections go
 * to trm.events.v1.rejected with topic/partition/offset, the eventId and the errors — never the
 * payload; offsets are committed only after the events are durably appended and the rejections
 * durably produced (acks from all in-sync replicas). The consumer fetches no more from a
 * partition until its batch is done: back-pressure when the event store is slow.
 */
export class KafkaChannel implements EventTransport {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private producer?: Producer;
  private admin?: Admin;
  private readonly stats: TransportStatus = { running: false, consumed: 0, accepted: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly commands: RecordEvents, private readonly options: KafkaChannelOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'trm-ingest',
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 200, retries: 20, maxRetryTime: 5_000 },
    });
  }

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const existing = await this.admin.listTopics();
    const wanted = [...this.options.countries.map(inputTopic), REJECTED_TOPIC].filter((t) => !existing.includes(t));
    if (wanted.length) {
      await this.admin.createTopics({ topics: wanted.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
    }
    const topics = [...new Set([...existing, ...wanted])].filter((t) => INPUT_TOPIC_PATTERN.test(t));
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId ?? 'trm-ingest', maxWaitTimeInMs: 250, sessionTimeout: 30_000,
      retry: { initialRetryTime: 200, retries: 1_000, maxRetryTime: 5_000 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.batch(p) });
    this.stats.running = true;
  }

  private async batch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const country = INPUT_TOPIC_PATTERN.exec(batch.topic)?.[1] ?? '';
    const receivedAt = new Date();
    const items: unknown[] = [];
    const parseErrors = new Map<number, EventError[]>();
    batch.messages.forEach((m, i) => {
      try {
        // The same guards as an HTTP body: UTF-8, depth, prototype and duplicate keys.
        items.push(parseGuarded(utf8Text(m.value ?? Buffer.alloc(0)), {}));
      } catch (err) {
        items.push(undefined);
        const code = err instanceof BodyParseError && err.code !== 'malformed_body' ? err.code : 'malformed_message';
        const message = code === 'malformed_message' ? 'the message value is not a JSON object' : (err as Error).message;
        parseErrors.set(i, [{ path: '', code, message }]);
      }
    });
    const valid = items.map((item, i) => (parseErrors.has(i) ? null : item));
    // A topic's key may only submit its own country: another country is `forbidden_country`.
    const key = { id: `kafka:${batch.topic}`, role: 'submitter' as const, countries: country ? [country] : [] };
    const result = await this.commands.execute(new RecordEventsCommand(valid, key, 'kafka', undefined, receivedAt));
    const rejections = result.rejected.map((r) => {
      const m = batch.messages[r.index];
      return {
        key: m.key ?? undefined,
        value: JSON.stringify({
          topic: batch.topic, partition: batch.partition, offset: m.offset,
          eventId: r.eventId,
          errors: parseErrors.get(r.index) ?? r.errors,
          rejectedAt: receivedAt.toISOString(),
        }),
      };
    });
    if (rejections.length) await this.producer!.send({ topic: REJECTED_TOPIC, acks: -1, messages: rejections });
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    await heartbeat();
    this.stats.consumed += batch.messages.length;
    this.stats.accepted += result.accepted;
    this.stats.duplicates += result.duplicates;
    this.stats.rejected += result.rejected.length;
  }

  async stop(): Promise<void> {
    this.stats.running = false;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }

  status(): TransportStatus {
    return { ...this.stats };
  }
}
