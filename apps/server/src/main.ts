import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { IndicatorsModule } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { AuditModule } from '@trm/audit';
import { DashboardsModule } from '../../../dashboards/server/dashboards.module';
import { OperationsModule, serve } from '@trm/operations';
import { loadDemoDataIfEmpty } from './demo-loader';
import { printDemoKeys, printDemoKeysHint } from './startup-banner';

/** The embedded all-in-one process: ingest + projector + analytics + dashboards on local files. */
void serve('trm-server', ['ingest', 'projector', 'analytics'], [IngestModule, IndicatorsModule, AuditModule, OperationsModule, DashboardsModule], async (runtime) => {
  const logger = new Logger('trm-server');
  if (runtime.demoKeys?.secrets) printDemoKeys(runtime.demoKeys);
  else if (runtime.demoKeys) printDemoKeysHint(runtime.demoKeys);
  if (runtime.config.demo) {
    const loaded = await loadDemoDataIfEmpty(runtime);
    if (loaded) logger.log(`loaded ${loaded.accepted} synthetic demo events (${loaded.cases} cases) — SYNTHETIC DEMO DATA, not real cases`);
  }
});
