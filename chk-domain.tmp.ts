import { parseRfc3339 } from './libs/domain/src/schema/date-time';
let bad = 0;
for (let i = 0; i < 200000; i++) {
  const ms = Math.floor((Math.random() * 2 - 0.3) * 8e12) ; // ~ -1500 .. 2200 years
  const d = new Date(ms); if (d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999) continue;
  const off = Math.floor(Math.random() * 2 * 14 * 60) - 14 * 60;
  const local = new Date(ms + off * 60000).toISOString().slice(0, 23);
  const sign = off >= 0 ? '+' : '-'; const a = Math.abs(off);
  const s = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  if (local.startsWith('-') || local.startsWith('+')) continue;
  if (parseRfc3339(s) !== ms) { bad++; if (bad < 5) console.log(s, parseRfc3339(s), ms); }
}
console.log('bad', bad);
for (const s of ['2024-02-29T00:00:00Z','2023-02-29T00:00:00Z','1900-02-29T00:00:00Z','2000-02-29T00:00:00Z','0000-01-01T00:00:00Z','2024-03-01 09:30:00Z','2024-03-01T09:30:00+0100','2024-03-01T09:30:00','2024-03-01T24:00:00Z','2024-03-01T23:59:60Z','2024-03-01t09:30:00.123456789z','2024-03-01T09:30:00.1234567890Z','2024-03-01T09:30:00.Z','2024-04-31T00:00:00Z'])
  console.log(s, parseRfc3339(s), Date.parse(s.replace('0000','2000')));
