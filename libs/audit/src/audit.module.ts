import { Module } from '@nestjs/common';
import { CLOCK, CONFIG } from '@trm/config';
import type { Clock, TrmConfig } from '@trm/config';
import { EVENT_STORE } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { ProjectorRunner } from '@trm/projections';
import { WAREHOUSE } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { AuditController } from './audit.controller';
import { ReplayService } from './replay';

@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: ReplayService,
      inject: [EVENT_STORE, WAREHOUSE, CONFIG, ProjectorRunner, CLOCK],
      useFactory: (store: EventStore, warehouse: Warehouse, config: TrmConfig, projector: ProjectorRunner, now: Clock) =>
        new ReplayService(store, warehouse, config.warehouseDb, projector, now),
    },
  ],
  exports: [ReplayService],
})
export class AuditModule {}
