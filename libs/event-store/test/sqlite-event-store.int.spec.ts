import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src';
import { eventStoreConformance } from '../src/testing/event-store.conformance';

eventStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trm-es-'));
  const path = join(dir, 'events.sqlite');
  let store = new SqliteEventStore({ path });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = new SqliteEventStore({ path });
      return store;
    },
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
