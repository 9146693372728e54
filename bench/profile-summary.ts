import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * npm run bench:profile -- DIR: per-thread, per-area share of CPU samples of the `.cpuprofile`
 * files `node --cpu-prof --cpu-prof-dir DIR` wrote (e.g. TRM_SERVER_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir DIR" npm run bench -- --events 300000). Idle samples are left out of the shares.
 */
interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const NATIVE: Record<string, string> = {
  run: 'sqlite (native)', all: 'sqlite (native)', get: 'sqlite (native)', iterate: 'sqlite (native)', exec: 'sqlite (native)', prepare: 'sqlite (native)', pragma: 'sqlite (native)',
  hash: 'crypto (native)', digest: 'crypto (native)', update: 'crypto (native)', createHash: 'crypto (native)', createHmac: 'crypto (native)',
  parse: 'JSON.parse', stringify: 'JSON.stringify',
};

function area(node: ProfileNode, parentArea: string | undefined): string {
  const { functionName: fn, url } = node.callFrame;
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return '(idle)';
  if (fn === '(program)') return '(program)';
  if (fn === '(root)') return '(root)';
  const lib = /\/(libs|apps)\/([^/]+)\/src\/(?:adapters\/)?([^/]+)/.exec(url);
  if (lib) {
    if (lib[2] === 'event-store') return 'event store (sqlite adapter, hashing, keys)';
    if (lib[2] === 'domain') return /canonical/.test(lib[3]) ? 'canonical JSON' : 'domain (validation, case rules, pseudonyms)';
    return `${lib[1]}/${lib[2]}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1].startsWith('@nestjs') ? '@nestjs' : pkg[1];
  if (url.startsWith('node:')) return /crypto/.test(url) ? 'crypto (node)' : /stream|http|net/.test(url) ? 'node http/net/streams' : 'node (other)';
  if (!url) return NATIVE[fn] ?? parentArea ?? `native ${fn}`;
  return 'other';
}

function summarise(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const areaOf = new Map<number, string>();
  const walk = (id: number, parent: string | undefined) => {
    const n = byId.get(id)!;
    const a = area(n, parent);
    areaOf.set(id, a);
    const pass = a === '(root)' ? undefined : a;
    for (const c of n.children ?? []) walk(c, pass);
  };
  walk(p.nodes[0].id, undefined);
  const time = new Map<string, number>();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const a = areaOf.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    if (a === '(idle)') return;
    busy += dt;
    time.set(a, (time.get(a) ?? 0) + dt);
  });
  const wall = (p.endTime - p.startTime) / 1e6;
  console.log(`\n${file.split('/').pop()}: ${(busy / 1e6).toFixed(1)} s busy of ${wall.toFixed(1)} s`);
  for (const [a, t] of [...time].sort((x, y) => y[1] - x[1]).slice(0, 14)) {
    console.log(`  ${((100 * t) / busy).toFixed(1).padStart(5)} %  ${a}`);
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run bench:profile -- DIR');
  process.exit(2);
}
for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) summarise(join(dir, f));
