import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process (GET /metrics). */
export class TrmMetrics {
  readonly registry = new Registry();
  readonly eventsAccepted = new Counter({ name: 'trm_events_accepted_total', help: 'Events appended to the event store', labelNames: ['channel'], registers: [this.registry] });
  readonly eventsDuplicate = new Counter({ name: 'trm_events_duplicate_total', help: 'Re-sent events recognised as duplicates', labelNames: ['channel'], registers: [this.registry] });
  readonly eventsRejected = new Counter({ name: 'trm_events_rejected_total', help: 'Events rejected, by error code', labelNames: ['channel', 'code'], registers: [this.registry] });
  readonly projectorLag = new Gauge({ name: 'trm_projector_lag_events', help: 'Events appended but not yet projected into the warehouse', registers: [this.registry] });
  readonly projectorCheckpoint = new Gauge({ name: 'trm_projector_checkpoint_position', help: 'Last event-store position visible in the warehouse', registers: [this.registry] });
  readonly queryDuration = new Histogram({
    name: 'trm_indicator_query_seconds', help: 'Indicator query time', labelNames: ['indicator'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });

  /** Counts one submission's outcomes (HTTP and Kafka alike). */
  recordSubmission(channel: string, result: { accepted: number; duplicates: number; rejected: { errors: { code: string }[] }[] }): void {
    this.eventsAccepted.inc({ channel }, result.accepted);
    this.eventsDuplicate.inc({ channel }, result.duplicates);
    for (const r of result.rejected) this.eventsRejected.inc({ channel, code: r.errors[0]?.code ?? 'unknown' });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'trm_' });
  }
}
