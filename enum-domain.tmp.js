const { COUNTRY_CODES } = { COUNTRY_CODES: require('/usr/share/iso-codes/json/iso_3166-1.json')['3166-1'].map(x=>x.alpha_2).concat('XK').sort() };
const Ajv = require('ajv').default;
const data = JSON.parse(JSON.stringify(Array.from({length: 1e6}, (_, i) => COUNTRY_CODES[(i * 7) % COUNTRY_CODES.length])));
function bench(name, f) { for (let r = 0; r < 3; r++) { const t = process.hrtime.bigint(); let n = 0; for (const d of data) if (f(d)) n++; const ns = Number(process.hrtime.bigint() - t) / 1e6; if (r === 2) console.log(name, ns.toFixed(0), 'ns/op', n); } }
for (const loopEnum of [200, 1000]) { const v = new Ajv({ loopEnum }).compile({ type: 'string', enum: COUNTRY_CODES }); bench('ajv loopEnum=' + loopEnum, v); }
const set = new Set(COUNTRY_CODES); bench('set', (d) => typeof d === 'string' && set.has(d));
const byFirst = {}; for (const c of COUNTRY_CODES) (byFirst[c[0]] ??= []).push(c[1]);
const re = new RegExp('^(?:' + Object.entries(byFirst).map(([a, b]) => a + '[' + b.join('') + ']').join('|') + ')$');
bench('regex', (d) => re.test(d));
