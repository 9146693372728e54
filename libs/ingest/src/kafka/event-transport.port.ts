/**
 * A transport that brings events from national systems besides HTTP (Kafka, via kafkajs). Kept
 * behind this port because kafkajs is unmaintained since 2023 (TECH-NOTES.md): a KafkaJS-compatible
 * client can replace it here alone.
 */
export interface EventTransport {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): TransportStatus;
}

export interface TransportStatus {
  running: boolean;
  consumed: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  lastError?: string;
}

export const INPUT_TOPIC_PREFIX = 'trm.events.v1.';
export const REJECTED_TOPIC = 'trm.events.v1.rejected';
export const INPUT_TOPIC_PATTERN = /^trm\.events\.v1\.([A-Z]{2})$/;

export function inputTopic(country: string): string {
  return `${INPUT_TOPIC_PREFIX}${country}`;
}
