import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src';
import { eventStoreConformance, reopenableHarness } from '../src/testing/event-store.conformance';

eventStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trm-es-'));
  const path = join(dir, 'events.sqlite');
  return reopenableHarness(() => new SqliteEventStore({ path }), () => rmSync(dir, { recursive: true, force: true }));
});
