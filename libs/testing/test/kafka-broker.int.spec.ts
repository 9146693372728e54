/**
 * Real-broker integration test for the local Kafka (scripts/kafka/start.sh, Kafka 4.x KRaft):
 * kafkajs round trip of 1,000 messages through a consumer group, then a broker restart that
 * must keep the group's committed offsets.
 *
 *   npx jest --selectProjects int libs/testing/test/kafka-broker
 *
 * The broker is started if it is not already answering, and stopped at the end only if this
 * test started it.
 */
import { Admin, Consumer, Kafka, KafkaConfig, logLevel, Partitioners, Producer } from 'kafkajs';
import {
  ensureKafkaBroker,
  isKafkaReachable,
  kafkaBrokerList,
  startKafkaBroker,
  stopKafkaBroker,
} from '../src/kafka/kafka-broker';

const MESSAGES = 1_000;
const PARTITIONS = 3;
const suffix = `${Date.now().toString(36)}-${process.pid}`;
const topic = `trm-int-kafka-broker-${suffix}`;
const groupId = `trm-int-kafka-broker-group-${suffix}`;

const kafkaConfig = (): KafkaConfig => ({
  clientId: 'trm-int-kafka-broker',
  brokers: kafkaBrokerList(),
  logLevel: logLevel.NOTHING,
  connectionTimeout: 3_000,
  requestTimeout: 15_000,
  retry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 8 },
});

/** Everything a phase connected, so afterAll can always clean up. */
const open: Array<Admin | Producer | Consumer> = [];
async function connect<T extends Admin | Producer | Consumer>(client: T): Promise<T> {
  open.push(client);
  await client.connect();
  return client;
}
async function disconnect(client: Admin | Producer | Consumer): Promise<void> {
  const i = open.indexOf(client);
  if (i >= 0) open.splice(i, 1);
  await client.disconnect();
}

function newProducer(kafka: Kafka): Producer {
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
}

function newConsumer(kafka: Kafka): Consumer {
  return kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 1_000,
    // disconnect() waits for the fetch in flight: keep the broker's long-poll short.
    maxWaitTimeInMs: 250,
    retry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 8 },
  });
}

/**
 * Committed offsets of the group on the topic, by partition. Right after a broker start the group
 * coordinator may still be loading its offsets (GROUP_LOAD_IN_PROGRESS, code 14, a retriable error
 * that admin.fetchOffsets does not retry, seen once in CI): asked again until it has loaded.
 */
async function committedOffsets(admin: Admin): Promise<Map<number, number>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return new Map(entry.partitions.map((p) => [p.partition, Number(p.offset)]));
    } catch (err) {
      if ((err as { type?: string }).type !== 'GROUP_LOAD_IN_PROGRESS' || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** High watermarks (log-end offsets) of the topic, by partition. */
async function highWatermarks(admin: Admin): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((p) => [p.partition, Number(p.high)]));
}

function sum(m: Map<number, number>): number {
  return [...m.values()].reduce((a, b) => a + b, 0);
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local Kafka broker (scripts/kafka)', () => {
  let startedHere = false;

  beforeAll(async () => {
    startedHere = !(await isKafkaReachable());
    await ensureKafkaBroker();
  }, 11 * 60_000); // a cold start may first download the broker jars from Maven Central

  afterAll(async () => {
    for (const client of open.splice(0)) await client.disconnect().catch(() => undefined);
    if (startedHere) await stopKafkaBroker();
  }, 60_000);

  it('round-trips 1,000 messages through a consumer group and commits the offsets', async () => {
    const kafka = new Kafka(kafkaConfig());
    const admin = await connect(kafka.admin());
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);

    const producer = await connect(newProducer(kafka));
    for (let start = 0; start < MESSAGES; start += 100) {
      const messages = Array.from({ length: 100 }, (_, j) => {
        const i = start + j;
        return { key: `k-${i}`, value: JSON.stringify({ i }) };
      });
      await producer.send({ topic, messages });
    }
    await disconnect(producer);
    expect(sum(await highWatermarks(admin))).toBe(MESSAGES);

    const received: number[] = [];
    const nextOffset = new Map<number, number>();
    const consumer = await connect(newConsumer(kafka));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push((JSON.parse(message.value!.toString()) as { i: number }).i);
        nextOffset.set(partition, Number(message.offset) + 1);
      },
    });
    await waitFor(() => received.length >= MESSAGES, 60_000, `${MESSAGES} messages (got ${received.length})`);
    await consumer.commitOffsets(
      [...nextOffset].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })),
    );
    // Nothing more may arrive: exactly the 1,000 produced, each once.
    await new Promise((r) => setTimeout(r, 500));
    await disconnect(consumer);

    expect(received).toHaveLength(MESSAGES);
    expect([...new Set(received)].sort((a, b) => a - b)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));

    const committed = await committedOffsets(admin);
    expect(committed).toEqual(await highWatermarks(admin));
    expect(sum(committed)).toBe(MESSAGES);
    await disconnect(admin);
  });

  it('keeps committed offsets across a broker restart and consumes only new messages', async () => {
    const before = await (async () => {
      const admin = await connect(new Kafka(kafkaConfig()).admin());
      const offsets = await committedOffsets(admin);
      await disconnect(admin);
      return offsets;
    })();
    expect(sum(before)).toBe(MESSAGES);

    await stopKafkaBroker();
    expect(await isKafkaReachable()).toBe(false);
    await startKafkaBroker();
    expect(await isKafkaReachable()).toBe(true);

    const kafka = new Kafka(kafkaConfig());
    const admin = await connect(kafka.admin());
    expect(await committedOffsets(admin)).toEqual(before);

    const producer = await connect(newProducer(kafka));
    await producer.send({ topic, messages: [{ key: 'after-restart', value: JSON.stringify({ i: MESSAGES }) }] });
    await disconnect(producer);

    const received: Array<{ key: string; i: number }> = [];
    const consumer = await connect(newConsumer(kafka));
    await consumer.subscribe({ topics: [topic], fromBeginning: true }); // the committed offsets win
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key!.toString(),
          i: (JSON.parse(message.value!.toString()) as { i: number }).i,
        });
      },
    });
    await waitFor(() => received.length >= 1, 60_000, 'the message produced after the restart');
    await new Promise((r) => setTimeout(r, 1_000)); // no replay of the 1,000 may follow
    await disconnect(consumer); // commits the last offset

    expect(received).toEqual([{ key: 'after-restart', i: MESSAGES }]);
    expect(sum(await committedOffsets(admin))).toBe(MESSAGES + 1);

    await admin.deleteTopics({ topics: [topic] });
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await disconnect(admin);
  });
});
