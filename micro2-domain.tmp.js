const re = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/u;
const re2 = /^[A-Za-z0-9._:/-]{1,64}$/u;
const lit = '8a1f1c3e-2b7e-4f0a-9a53-1c2d3e4f5a6b';
const parsed = JSON.parse(JSON.stringify({ a: lit })).a;
function t(name, s, r) { let n = 0; const st = process.hrtime.bigint(); for (let i = 0; i < 5e6; i++) if (r.test(s)) n++; console.log(name, (Number(process.hrtime.bigint() - st) / 5e6).toFixed(1), 'ns'); }
for (let k = 0; k < 2; k++) { t('uuid lit', lit, re); t('uuid parsed', parsed, re); t('caseref-re on uuid', parsed, re2); }
const re3 = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
t('uuid no-u', parsed, re3);
const re4 = /^[0-9a-fA-F-]{36}$/u; t('hex-dash36', parsed, re4);
