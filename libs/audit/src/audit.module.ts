import { Module } from '@nestjs/common';
import { RUNTIME } from '@trm/runtime/runtime.module';
import type { Runtime } from '@trm/runtime';
import { AuditController } from './audit.controller';
import { ReplayService } from './replay';

@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: ReplayService,
      inject: [RUNTIME],
      useFactory: (rt: Runtime) => new ReplayService(rt.store, rt.warehouse, rt.config.warehouseDb, rt.projector, rt.now),
    },
  ],
  exports: [ReplayService],
})
export class AuditModule {}
