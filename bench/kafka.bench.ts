import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { demoNdjsonChunks } from '@trm/demo-data';
import { ensureKafkaBroker, kafkaBrokerList } from '@trm/testing/kafka';
import { startService } from '@trm/testing/service/service-harness';
import { fmt, heading, until } from './util';

/** Kafka ingest against the local broker: events/s from produce to durable append. */
export async function kafkaBench(events: number): Promise<void> {
  heading(`Kafka ingest: ${fmt(events)} events to trm.events.v1.<CC> on the local broker`);
  await ensureKafkaBroker();
  const run = randomUUID().slice(0, 8);
  const lines: { country: string; key: string; value: string }[] = [];
  for (const chunk of demoNdjsonChunks({ seed: 11, cases: Math.ceil(events / 13), end: new Date(Date.now() - 86_400_000) }, 10_000)) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line);
      // Fresh case references per run: the topics keep earlier runs' messages.
      e.caseRef = `${run}-${e.caseRef}`;
      lines.push({ country: e.country, key: `${e.country}:${e.caseRef}`, value: JSON.stringify(e) });
    }
    if (lines.length >= events) break;
  }
  const countries = [...new Set(lines.map((l) => l.country))];
  const svc = await startService({
    env: { TRM_KAFKA_BROKERS: kafkaBrokerList().join(','), TRM_KAFKA_COUNTRIES: countries.join(','), TRM_KAFKA_GROUP_ID: `bench-${run}` },
  });
  const before = await svc.runtime.store.headPosition();
  const kafkaStatus = () => svc.runtime.kafka!.status();
  const consumedBefore = kafkaStatus().consumed;
  const kafka = new Kafka({ clientId: 'trm-bench', brokers: kafkaBrokerList(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const t0 = Date.now();
  // One message key per case keeps a case's events in order on one partition.
  for (let i = 0; i < lines.length; i += 5000) {
    const slice = lines.slice(i, i + 5000);
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const l of slice) byTopic.set(`trm.events.v1.${l.country}`, [...(byTopic.get(`trm.events.v1.${l.country}`) ?? []), { key: l.key, value: l.value }]);
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
  }
  const produced = (Date.now() - t0) / 1000;
  await until(async () => kafkaStatus().consumed - consumedBefore >= lines.length, 1_800_000, 100);
  const seconds = (Date.now() - t0) / 1000;
  const appended = (await svc.runtime.store.headPosition()) - before;
  const s = kafkaStatus();
  console.log(`produced ${fmt(lines.length)} messages in ${fmt(produced, 1)} s; all consumed and durably appended or rejected after ${fmt(seconds, 1)} s`);
  console.log(`→ ${fmt(lines.length / seconds)} events/s from produce to durable append (${fmt(appended)} appended, ${fmt(s.rejected)} rejected; a new consumer group also reads what earlier runs left in the topics)`);
  await producer.disconnect();
  await svc.close(true);
}
