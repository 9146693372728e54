import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Every port has one conformance suite, run against every adapter (STYLE.md): an adapter folder
// without a spec calling its lib's suite under the adapter's own name fails here.
const root = resolve(__dirname, '../../..');
const ports = [
  { lib: 'libs/event-store', suite: 'eventStoreConformance' },
  { lib: 'libs/warehouse', suite: 'warehouseConformance' },
];

function specTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return specTexts(path);
    return d.name.endsWith('.spec.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('every adapter runs its port conformance suite', () => {
  for (const { lib, suite } of ports) {
    it(`${lib}: each folder under src/adapters has a spec calling ${suite}('<folder>', …)`, () => {
      const adapters = readdirSync(join(root, lib, 'src/adapters'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
      expect(adapters.length).toBeGreaterThan(0);
      const specs = specTexts(join(root, lib, 'test'));
      const missing = adapters.filter((name) => !specs.some((text) => text.includes(`${suite}('${name}'`)));
      expect(missing).toEqual([]);
    });
  }
});
