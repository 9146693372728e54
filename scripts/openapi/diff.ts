import { readFileSync } from 'node:fs';

/**
 * Compares two OpenAPI documents by what a client or schemathesis sees: paths and methods,
 * parameters (location, required, schema, style), request bodies, response codes with their media
 * types, schemas and headers, security, and component schemas. Descriptions and summaries are
 * reported apart (text), operation ids and tags ignored.
 *   node -r @swc-node/register scripts/openapi/diff.ts old.json new.json
 */
type Json = Record<string, unknown>;

/** Keys sorted, and `required: false` dropped (the default of a non-path parameter). */
function canon(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x as Json).filter(([k, val]) => !(k === 'required' && val === false) && k !== 'description')
        .sort(([a], [b]) => a.localeCompare(b)).map(([k, val]) => [k, norm(val)]));
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

const texts = (x: unknown, at: string, out: Map<string, string>): void => {
  if (Array.isArray(x)) x.forEach((v, i) => texts(v, `${at}[${i}]`, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x as Json)) {
      if ((k === 'description' || k === 'summary') && typeof v === 'string') out.set(`${at}.${k}`, v);
      else texts(v, `${at}.${k}`, out);
    }
  }
};

export function diff(a: Json, b: Json): string[] {
  const out: string[] = [];
  const paths = (d: Json) => d.paths as Record<string, Record<string, Json>>;
  const ops = (d: Json) => new Map(Object.entries(paths(d)).flatMap(([p, m]) => Object.entries(m).map(([method, op]) => [`${method.toUpperCase()} ${p}`, op] as const)));
  const oa = ops(a);
  const ob = ops(b);
  for (const k of oa.keys()) if (!ob.has(k)) out.push(`operation only in old: ${k}`);
  for (const k of ob.keys()) if (!oa.has(k)) out.push(`operation only in new: ${k}`);
  for (const [k, x] of oa) {
    const y = ob.get(k);
    if (!y) continue;
    const params = (op: Json) => new Map(((op.parameters ?? []) as Json[]).map((p) => [`${p.in}:${p.name}`, p]));
    const pa = params(x);
    const pb = params(y);
    for (const n of pa.keys()) if (!pb.has(n)) out.push(`${k}: parameter only in old: ${n}`);
    for (const n of pb.keys()) if (!pa.has(n)) out.push(`${k}: parameter only in new: ${n}`);
    for (const [n, p] of pa) if (pb.has(n) && canon(p) !== canon(pb.get(n))) out.push(`${k}: parameter ${n} differs: ${canon(p)} → ${canon(pb.get(n))}`);
    if (canon(x.requestBody) !== canon(y.requestBody)) out.push(`${k}: request body differs: ${canon(x.requestBody)} → ${canon(y.requestBody)}`);
    if (canon(x.security) !== canon(y.security)) out.push(`${k}: security differs: ${canon(x.security)} → ${canon(y.security)}`);
    const ra = (x.responses ?? {}) as Json;
    const rb = (y.responses ?? {}) as Json;
    for (const c of Object.keys(ra)) if (!(c in rb)) out.push(`${k}: response only in old: ${c}`);
    for (const c of Object.keys(rb)) if (!(c in ra)) out.push(`${k}: response only in new: ${c}`);
    for (const c of Object.keys(ra)) if (c in rb && canon(ra[c]) !== canon(rb[c])) out.push(`${k}: response ${c} differs: ${canon(ra[c])} → ${canon(rb[c])}`);
  }
  const sa = ((a.components as Json)?.schemas ?? {}) as Json;
  const sb = ((b.components as Json)?.schemas ?? {}) as Json;
  for (const n of Object.keys(sa)) if (!(n in sb)) out.push(`component only in old: ${n}`);
  for (const n of Object.keys(sb)) if (!(n in sa)) out.push(`component only in new: ${n}`);
  for (const n of Object.keys(sa)) if (n in sb && canon(sa[n]) !== canon(sb[n])) out.push(`component ${n} differs: ${canon(sa[n])} → ${canon(sb[n])}`);
  const ssa = (a.components as Json)?.securitySchemes;
  const ssb = (b.components as Json)?.securitySchemes;
  if (canon(ssa) !== canon(ssb)) out.push(`security schemes differ: ${canon(ssa)} → ${canon(ssb)}`);
  if (canon(a.security) !== canon(b.security)) out.push(`global security differs: ${canon(a.security)} → ${canon(b.security)}`);
  if (a.openapi !== b.openapi) out.push(`openapi version: ${String(a.openapi)} → ${String(b.openapi)}`);
  // Texts, by where they are (operation ids differ, so by path and method).
  const ta = new Map<string, string>();
  const tb = new Map<string, string>();
  texts(a.paths, 'paths', ta);
  texts(b.paths, 'paths', tb);
  const changed = [...ta].filter(([at, t]) => tb.get(at) !== t).map(([at]) => at);
  const added = [...tb.keys()].filter((at) => !ta.has(at));
  out.push(`texts: ${ta.size} in old, ${tb.size} in new; ${changed.length} changed or gone, ${added.length} added`);
  for (const at of changed) out.push(`  text ${at}: ${JSON.stringify(ta.get(at))} → ${JSON.stringify(tb.get(at))}`);
  for (const at of added) out.push(`  text added ${at}: ${JSON.stringify(tb.get(at))}`);
  return out;
}

if (require.main === module) {
  const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Json);
  const lines = diff(a, b);
  console.log(lines.join('\n'));
}
