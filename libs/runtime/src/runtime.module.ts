import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { AuditLogStore } from '@trm/audit-log';
import { CatalogueRegistry } from '@trm/catalogue';
import { KeyRing } from '@trm/auth';
import { CLOCK, CONFIG } from '@trm/config';
import { EVENT_STORE } from '@trm/event-store';
import { IngestPipeline, RecordEventsHandler } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { WAREHOUSE } from '@trm/warehouse';
import { TrmMetrics } from '@trm/observability';
import type { Runtime } from './runtime';

export const RUNTIME = Symbol('TRM_RUNTIME');

/** Exposes an already-built Runtime to Nest's injector. */
@Global()
@Module({})
export class RuntimeModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: RUNTIME, useValue: runtime },
      { provide: CONFIG, useValue: runtime.config },
      { provide: CLOCK, useValue: runtime.now },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: WAREHOUSE, useValue: runtime.warehouse },
      { provide: KeyRing, useValue: runtime.keys },
      { provide: IngestPipeline, useValue: runtime.pipeline },
      { provide: CatalogueRegistry, useValue: runtime.catalogue },
      { provide: ProjectorRunner, useValue: runtime.projector },
      { provide: TrmMetrics, useValue: runtime.metrics },
      { provide: AuditLogStore, useValue: runtime.audit },
      // A factory, not a value: the command bus registers a handler by its instance's class.
      { provide: RecordEventsHandler, useFactory: () => runtime.recordEvents },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}
