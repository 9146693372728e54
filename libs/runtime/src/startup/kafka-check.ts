import { StartupError } from '@trm/config';
import { Kafka, logLevel } from 'kafkajs';

/** How long a start may wait for the brokers before it says so (kafkajs' own defaults retry for minutes). */
const CONNECT_TIMEOUT_MS = 3_000;
const OVERALL_TIMEOUT_MS = 15_000;

/**
 * Asks the configured brokers for the cluster's metadata with few, short retries, so that an
 * unreachable TRM_KAFKA_BROKERS stops the start in seconds with one sentence, instead of the
 * Kafka channel retrying silently and then dying with kafkajs' stack.
 */
export async function assertKafkaReachable(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'trm-startup-check', brokers, logLevel: logLevel.NOTHING,
    connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: CONNECT_TIMEOUT_MS,
    retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 1_000 },
  }).admin();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${OVERALL_TIMEOUT_MS / 1000} s`)), OVERALL_TIMEOUT_MS);
  });
  try {
    await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new StartupError(
      `TRM_KAFKA_BROKERS=${brokers.join(',')}: no Kafka broker answered (${reason}). Start the broker (npm run kafka:start for a local one), ` +
      'or unset TRM_KAFKA_BROKERS to run without the Kafka channel.',
    );
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
