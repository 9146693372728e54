import { parseRfc3339, isRfc3339DateTime } from './libs/domain/src/schema/date-time';
const ds = JSON.parse(JSON.stringify(Array.from({ length: 16 }, (_, i) => `2024-03-${String(10 + i)}T09:30:00.123+01:00`)));
function t(name: string, f: (s: string) => unknown) { let n = 0; const st = process.hrtime.bigint(); for (let i = 0; i < 1e7; i++) if (f(ds[i & 15])) n++; console.log(name, (Number(process.hrtime.bigint() - st) / 1e7).toFixed(1), 'ns'); }
for (let k = 0; k < 3; k++) { t('parseRfc3339', parseRfc3339); t('isRfc3339', isRfc3339DateTime); t('Date.parse', Date.parse); t('nothing', (s) => s.length); }
