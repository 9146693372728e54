const parsed = JSON.parse(JSON.stringify({ a: '8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b', d: '2024-03-01T09:30:00.123+01:00' }));
const HEX = new Uint8Array(128); for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
function isUuid(s) {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) { if (c !== 45) return false; } else if (c > 127 || HEX[c] === 0) return false;
  }
  return true;
}
function digits(s, from, count) { let n = 0; for (let i = from; i < from + count; i++) { const c = s.charCodeAt(i) - 48; if (c < 0 || c > 9) return -1; n = n * 10 + c; } return n; }
function p(s) { return digits(s, 0, 4) + digits(s, 5, 2) + digits(s, 8, 2) + digits(s, 11, 2) + digits(s, 14, 2) + digits(s, 17, 2); }
function t(name, f, s) { let n = 0; const st = process.hrtime.bigint(); for (let i = 0; i < 2e7; i++) if (f(s)) n++; console.log(name, (Number(process.hrtime.bigint() - st) / 2e7).toFixed(1), 'ns'); }
for (let k = 0; k < 2; k++) { t('isUuid', isUuid, parsed.a); t('digits', p, parsed.d); t('len', (s) => s.length > 3, parsed.d); }
