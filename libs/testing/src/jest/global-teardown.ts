import { isKafkaReachable, stopKafkaBroker } from '../kafka/kafka-broker';

/** Stops the local broker if the tests started it (see global-setup.ts); stop.sh only stops this checkout's broker. */
export default async function globalTeardown(): Promise<void> {
  const wasRunning = (globalThis as { trmKafkaWasRunning?: boolean }).trmKafkaWasRunning;
  if (wasRunning !== false || !(await isKafkaReachable(1_000))) return;
  process.stdout.write('\nStopping the Kafka broker the tests started (npm run kafka:start keeps one running)…\n');
  await stopKafkaBroker().catch((err: Error) => process.stderr.write(`could not stop the Kafka broker: ${err.message}\n`));
}
