import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChdbWarehouse } from '../src';
import { warehouseConformance } from '../src/testing/warehouse.conformance';

warehouseConformance('chdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trm-chdb-'));
  const warehouse = new ChdbWarehouse(dir);
  return {
    warehouse,
    teardown: async () => {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
