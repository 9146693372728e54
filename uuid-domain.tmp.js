const { randomUUID } = require('node:crypto');
const ids = JSON.parse(JSON.stringify(Array.from({ length: 1e6 }, () => randomUUID())));
const r1 = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/u;
const r2 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const r3 = /^[\da-fA-F]{8}(?:-[\da-fA-F]{4}){3}-[\da-fA-F]{12}$/;
const HEX = new Uint8Array(256); for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
function isUuid(s) {
  if (s.length !== 36 || s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45) return false;
  for (let i = 0; i < 36; i++) { if (i === 8 || i === 13 || i === 18 || i === 23) continue; if (HEX[s.charCodeAt(i) & 0xffff & 255] === 0 || s.charCodeAt(i) > 255) return false; }
  return true;
}
function run(name, f) { for (let r = 0; r < 5; r++) { const t = process.hrtime.bigint(); let n = 0; for (let i = 0; i < ids.length; i++) if (f(ids[i])) n++; if (r === 4) console.log(name, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ns/op', n); } }
run('r1 u', (s) => r1.test(s)); run('r2 i', (s) => r2.test(s)); run('r3', (s) => r3.test(s)); run('hand', isUuid);
