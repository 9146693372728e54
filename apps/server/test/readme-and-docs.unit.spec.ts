import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCatalogue } from '@trm/domain';
import { INDICATORS } from '@trm/indicators';
import { sharedPanels } from '../../../dashboards/server/panel-svg.renderer';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');

describe('the README a newcomer follows', () => {
  it('points at the specification in this repository, not outside it', () => {
    expect(readme).not.toMatch(/\.\.\/shared|shared\/docs/);
    for (const doc of ['docs/README.md', 'docs/PRODUCT.md', 'docs/CONTRACT.md', 'docs/CATALOGUE.md', 'docs/INDICATORS.md']) {
      expect([doc, readme.includes(doc) || readme.includes(`(${doc})`), existsSync(join(ROOT, doc))]).toEqual([doc, true, true]);
    }
  });

  it('links only to files that exist', () => {
    for (const page of ['README.md', 'docs/README.md', 'docs/PRODUCT.md', 'docs/CONTRACT.md', 'docs/CATALOGUE.md', 'docs/INDICATORS.md']) {
      const dir = join(ROOT, page, '..');
      for (const [, target] of read(page).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^https?:/.test(target)) continue;
        expect([page, target, existsSync(join(dir, target))]).toEqual([page, target, true]);
      }
    }
  });

  it('submits a sample file that is in the repository, and names the API document and the build tools', () => {
    expect(readme).toContain('--data-binary @examples/events.ndjson');
    expect(existsSync(join(ROOT, 'examples/events.ndjson'))).toBe(true);
    expect(readme).toContain('/v1/openapi.json');
    for (const tool of ['python3', 'make', 'g++']) expect(readme).toContain(tool);
  });

  it('says the Node version that package.json requires', () => {
    const engines = JSON.parse(read('package.json')).engines.node as string;
    const [, major, minor] = /(\d+)\.(\d+)/.exec(engines)!;
    expect(readme).toContain(`Node.js ${major}.${minor} or later`);
    // The image may run a newer Node than the least one required, never an older one.
    const image = Number(/^FROM node:(\d+)[-.]/m.exec(read('Dockerfile'))![1]);
    expect(image).toBeGreaterThanOrEqual(Number(major));
  });

  it('lists every dashboard panel id, and only those', () => {
    const ids = Object.keys(sharedPanels.byId).sort();
    const mentioned = [...new Set([...readme.matchAll(/`((?:rapporteur|programme|audit)-[a-z-]+)`/g)].map((m) => m[1]))].sort();
    expect(mentioned).toEqual(ids);
    const contract = [...read('docs/CONTRACT.md').matchAll(/^\| `((?:rapporteur|programme|audit)-[a-z-]+)` \|/gm)].map((m) => m[1]).sort();
    expect(contract).toEqual(ids);
  });
});

describe('docs/ kept in step with the code', () => {
  it('CATALOGUE.md tables are trm-baseline-1: codes, applicability, deadlines, sequencing', () => {
    const rows = [...read('docs/CATALOGUE.md').matchAll(/^\| (SOP\d\.[MC]\d+) \|[^|]+\|([^|]*)\|([^|]*)\|([^|]*)\|/gm)]
      .map(([, code, applies, deadline, before]) => ({ code, applies: applies.trim(), deadline: deadline.trim(), before: before.trim() }));
    const catalogue = getCatalogue()!.measures.map((m) => ({
      code: m.code, applies: m.appliesTo.join(', '),
      deadline: m.deadline ? `${m.deadline.within} after ${m.deadline.anchor}` : '', before: m.before ?? '',
    }));
    expect(rows).toEqual(catalogue);
  });

  it('INDICATORS.md defines every indicator the API serves, and the API serves every one it defines as built', () => {
    const text = read('docs/INDICATORS.md');
    const built = text.slice(0, text.indexOf('## Specified, not built yet'));
    const defined = [...new Set([...built.matchAll(/^\| `([a-z_]+\.[a-z_.]+)` \|/gm)].map((m) => m[1]))].sort();
    expect(defined).toEqual(INDICATORS.map((d) => d.id).sort());
  });

  it('does not present the planned country reports as built', () => {
    const contract = read('docs/CONTRACT.md');
    const built = contract.slice(0, contract.indexOf('## Specified, not built yet'));
    expect(built).not.toMatch(/\/v1\/reports/);
    expect(contract.slice(contract.indexOf('## Specified, not built yet'))).toMatch(/Country reports/);
  });
});
