import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ApiOk, ApiSchemas, bearerKey, json, obj, Public, ref, Roles, str } from '@trm/auth';
import type { Schema } from '@trm/auth';
import { EVENT_STORE } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { ProjectorRunner } from '@trm/projections';
import { RUNTIME, TrmMetrics } from '@trm/runtime';
import type { Runtime } from '@trm/runtime';
import { WAREHOUSE } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { OpenApiDocumentHolder } from './openapi';

async function probe(fn: () => Promise<unknown>): Promise<{ ready: boolean; error?: string; ms: number }> {
  const t = Date.now();
  try {
    await fn();
    return { ready: true, ms: Date.now() - t };
  } catch (err) {
    return { ready: false, error: (err as Error).message.slice(0, 200), ms: Date.now() - t };
  }
}

/** Past this many events not yet in the warehouse, figures are behind: the projector reads "loading". */
export const LOADING_LAG_EVENTS = 10_000;

export type ComponentStatus = 'up' | 'loading' | 'degraded' | 'down';
export type ServiceStatus = 'ok' | 'loading' | 'degraded' | 'down';

interface HealthRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The projector's readiness: `loading` until it has caught up once since start or while more than
 * LOADING_LAG_EVENTS behind (figures are behind), `degraded` while a batch keeps failing or events
 * are quarantined (figures are served, some events left out), `down` when it does not run.
 */
export function projectorHealth(p: {
  projecting: boolean; running: boolean; caughtUp: boolean; lastError?: string; quarantined: number; lag: number | null;
}): ComponentStatus {
  if (!p.projecting) return p.lag === null ? 'down' : p.lag > LOADING_LAG_EVENTS ? 'loading' : 'up';
  if (!p.running) return 'down';
  if (p.lastError) return 'degraded';
  if (!p.caughtUp || (p.lag ?? 0) > LOADING_LAG_EVENTS) return 'loading';
  return p.quarantined > 0 ? 'degraded' : 'up';
}

const STATUS = (values: string[]): Schema => str({ enum: values });
const COMPONENT = { type: 'object', required: ['status'], properties: { status: ref('ComponentStatus') } };
const HEALTH_SCHEMAS: Record<string, Schema> = {
  ComponentStatus: STATUS(['up', 'loading', 'degraded', 'down'] satisfies ComponentStatus[]),
  Health: obj({
    status: STATUS(['ok', 'loading', 'degraded', 'down'] satisfies ServiceStatus[]),
    components: obj({ eventStore: COMPONENT, warehouse: COMPONENT, projector: COMPONENT }, ['eventStore', 'warehouse', 'projector']),
    demoData: { type: 'boolean' },
  }, ['status', 'components']),
};

@Controller()
@ApiSchemas(HEALTH_SCHEMAS)
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WAREHOUSE) private readonly warehouse: Warehouse,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly projector: ProjectorRunner,
    private readonly metrics: TrmMetrics,
    private readonly openApi: OpenApiDocumentHolder,
  ) {}

  /**
   * Liveness, and readiness per component (CONTRACT.md §2 "Operating"). Without a key it says only
   * up / loading / degraded / down per component; counts, positions and error codes need a key of
   * any role. 200 while the figures can be read (ok, degraded), 503 while loading or down.
   */
  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness per component; details (positions, counts, error codes) only with a key of any role', security: [] })
  @ApiOk('Serving (ok, or degraded: some events quarantined)', ref('Health'))
  @ApiResponse({ status: 503, description: 'Loading a backlog, or a component is down', content: json(ref('Health')) })
  async health(@Req() req: HealthRequest, @Res({ passthrough: true }) reply: { code(n: number): void }) {
    const [eventStore, warehouse] = await Promise.all([probe(() => this.store.ping()), probe(() => this.warehouse.ping())]);
    const head = eventStore.ready ? await this.store.headPosition() : null;
    const status = this.projector.status();
    const projecting = this.runtime.roles.includes('projector');
    const checkpoint = projecting ? status.checkpoint : await this.projector.storedCheckpoint().catch(() => null);
    const lag = head !== null && checkpoint !== null ? Math.max(0, head - checkpoint) : null;
    const projectorStatus = projectorHealth({ projecting, ...status, lag });
    const components = {
      eventStore: eventStore.ready ? 'up' : 'down',
      warehouse: warehouse.ready ? 'up' : 'down',
      projector: eventStore.ready && warehouse.ready ? projectorStatus : 'down',
    } satisfies Record<string, ComponentStatus>;
    const all = Object.values(components) as ComponentStatus[];
    const overall: ServiceStatus = all.includes('down') ? 'down' : all.includes('loading') ? 'loading' : all.includes('degraded') ? 'degraded' : 'ok';
    reply.code(overall === 'ok' || overall === 'degraded' ? 200 : 503);
    // The synthetic demo data set is loaded (apps/server marks it with a DEMO_DATA file): the
    // dashboards label it before anyone signs in.
    const demoData = existsSync(join(this.runtime.config.dataDir, 'DEMO_DATA'));
    if (!this.keyed(req)) {
      return { status: overall, components: mapValues(components, (c) => ({ status: c })), demoData };
    }
    return {
      status: overall,
      components: {
        eventStore: { status: components.eventStore, ...eventStore, adapter: this.store.name, head },
        warehouse: { status: components.warehouse, ...warehouse, adapter: this.warehouse.engine },
        projector: {
          status: components.projector, running: status.running, caughtUp: status.caughtUp, checkpoint, head, lagEvents: lag,
          quarantined: status.quarantined, snapshotting: status.snapshotting, lastError: status.lastError,
        },
      },
      demoData,
    };
  }

  /** A valid key of any role (the route is public, so the bearer hook did not resolve one). */
  private keyed(req: HealthRequest): boolean {
    return bearerKey(this.runtime.keys, req.headers.authorization).key !== undefined;
  }

  @Get('metrics')
  @Roles('admin', 'auditor', 'manager', 'rapporteur', 'submitter')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiOk('Prometheus text format', str(), 'text/plain')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metricsText() {
    const status = this.projector.status();
    const head = await this.store.headPosition();
    this.metrics.projectorCheckpoint.set(status.checkpoint);
    this.metrics.projectorLag.set(Math.max(0, head - status.checkpoint));
    return this.metrics.registry.metrics();
  }

  /** The document generated from this process's own routes at start (libs/operations/src/openapi.ts). */
  @Get('v1/openapi.json')
  @Roles('admin', 'auditor', 'manager', 'rapporteur', 'submitter')
  @ApiOperation({ summary: 'This document' })
  @ApiOk('OpenAPI 3.1', { type: 'object' })
  openapi() {
    return this.openApi.document;
  }
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
