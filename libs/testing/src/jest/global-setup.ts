import { isKafkaReachable } from '../kafka/kafka-broker';

/**
 * Notes whether a Kafka broker was already answering before the tests: the Kafka suites start the
 * local one when none is (it outlives them by design, started with setsid), and the global
 * teardown stops it again only in that case — a broker someone started on purpose
 * (`npm run kafka:start`, `.ci/run`) keeps running.
 */
export default async function globalSetup(): Promise<void> {
  (globalThis as { trmKafkaWasRunning?: boolean }).trmKafkaWasRunning = await isKafkaReachable(1_000);
}
