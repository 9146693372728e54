import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { serve } from '@trm/operations';
import { loadDemoDataIfEmpty } from './demo-loader';
import { SERVER_FEATURES } from './server.features';
import { printDemoKeys, printDemoKeysHint } from './startup-banner';

/** The embedded all-in-one process: ingest + projector + analytics + dashboards on local files. */
void serve('trm-server', ['ingest', 'projector', 'analytics'], SERVER_FEATURES, async (runtime) => {
  const logger = new Logger('trm-server');
  if (runtime.demoKeys?.secrets) printDemoKeys(runtime.demoKeys);
  else if (runtime.demoKeys) printDemoKeysHint(runtime.demoKeys);
  if (runtime.config.demo) {
    const loaded = await loadDemoDataIfEmpty(runtime);
    if (loaded) logger.log(`loaded ${loaded.accepted} synthetic demo events (${loaded.cases} cases) — SYNTHETIC DEMO DATA, not real cases`);
  }
});
