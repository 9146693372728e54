import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { Public, Roles } from '@trm/auth';
import { EVENT_STORE } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { ProjectorRunner } from '@trm/projections';
import { RUNTIME, TrmMetrics } from '@trm/runtime';
import type { Runtime } from '@trm/runtime';
import { WAREHOUSE } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { openApiDocument } from './openapi';

async function probe(fn: () => Promise<unknown>): Promise<{ ready: boolean; error?: string; ms: number }> {
  const t = Date.now();
  try {
    await fn();
    return { ready: true, ms: Date.now() - t };
  } catch (err) {
    return { ready: false, error: (err as Error).message.slice(0, 200), ms: Date.now() - t };
  }
}

@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly projector: ProjectorRunner,
    private readonly metrics: TrmMetrics,
  ) {}

  /** Liveness, and readiness per component (CONTRACT.md §2 "Operating"). */
  @Get('health')
  @Public()
  async health(@Res({ passthrough: true }) reply: { code(n: number): void }) {
    const [eventStore, warehouse] = await Promise.all([probe(() => this.store.ping()), probe(() => this.warehouse.ping())]);
    const head = eventStore.ready ? await this.store.headPosition() : null;
    const status = this.projector.status();
    const checkpoint = this.runtime.roles.includes('projector') ? status.checkpoint : await this.projector.storedCheckpoint().catch(() => null);
    const lag = head !== null && checkpoint !== null ? Math.max(0, head - checkpoint) : null;
    const projector = {
      ready: !this.runtime.roles.includes('projector') || (status.running && !status.lastError),
      running: status.running, checkpoint, head, lagEvents: lag, lastError: status.lastError,
    };
    const ready = eventStore.ready && warehouse.ready && projector.ready;
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? 'ok' : 'degraded',
      components: {
        eventStore: { ...eventStore, adapter: this.store.name, head },
        warehouse: { ...warehouse, adapter: this.warehouse.engine },
        projector,
      },
      // The synthetic demo data set is loaded (apps/server marks it with a DEMO_DATA file).
      demoData: existsSync(join(this.runtime.config.dataDir, 'DEMO_DATA')),
    };
  }

  @Get('metrics')
  @Roles('admin', 'auditor', 'manager', 'rapporteur', 'submitter')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metricsText() {
    const status = this.projector.status();
    const head = await this.store.headPosition();
    this.metrics.projectorCheckpoint.set(status.checkpoint);
    this.metrics.projectorLag.set(Math.max(0, head - status.checkpoint));
    return this.metrics.registry.metrics();
  }

  @Get('v1/openapi.json')
  @Roles('admin', 'auditor', 'manager', 'rapporteur', 'submitter')
  openapi() {
    return openApiDocument();
  }
}
