import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  INDICATORS, INDICATOR_SQL, LIVE_FORM_MAX_EVENTS, NO_SNAPSHOT, buildIndicatorQuery, coarsenTime, hasSection, openReferrals,
} from '@trm/indicators';
import type { Dimension, IndicatorDefinition, IndicatorQuery, IndicatorQueryOptions, SnapshotChoice } from '@trm/indicators';
import type { Warehouse } from '@trm/warehouse';

/**
 * The SQL each indicator runs, as a reviewer reads it: every indicator rendered for a few
 * representative requests and committed in libs/indicators/sql/rendered/<template>.<request>.sql,
 * with the parameters the warehouse binds. A change of a template, a fragment, the builder or a
 * definition that changes what runs changes these files, and this test fails until they are
 * rendered again and committed with it:
 *
 *   npm run sql:render        (UPDATE_SQL=1 npx jest libs/indicators/test/rendered-sql.unit.spec.ts)
 */
const RENDERED = resolve(__dirname, '../sql/rendered');
const UPDATE = process.env.UPDATE_SQL === '1';

const NOW = new Date(Date.UTC(2026, 5, 30, 12, 0, 0));
const PAST = new Date(Date.UTC(2025, 11, 31, 0, 0, 0));
/** A snapshot an hour old, with some events (a removal among them) written after it. */
const RECENT_SNAPSHOT: SnapshotChoice = { snapshot: NOW.getTime() - 3_600_000, position: 500_000, eventsSince: 1_200, removedSince: 1 };

interface Request {
  name: string;
  about: string;
  query(def: IndicatorDefinition): IndicatorQuery;
  options: IndicatorQueryOptions;
}

const withSnapshot = { snapshot: RECENT_SNAPSHOT, live: RECENT_SNAPSHOT.eventsSince <= LIVE_FORM_MAX_EVENTS };
const available = (def: IndicatorDefinition, dims: Dimension[]) => dims.filter((d) => def.dimensions.includes(d));

const REQUESTS: Request[] = [
  {
    name: 'auditor', about: 'an auditor as of now, from a recent snapshot and the rows since; no filter, no grouping',
    query: () => ({ asOf: NOW, groupBy: [] }), options: withSnapshot,
  },
  {
    name: 'past', about: 'as of a past time before any snapshot: every row from the views\' versions',
    query: () => ({ asOf: PAST, groupBy: [] }), options: { snapshot: NO_SNAPSHOT, live: false },
  },
  {
    name: 'manager', about: 'a manager: disclosure control (k = 5, cell keys), asOf rounded to the day, a whole year',
    query: () => coarsenTime({ asOf: NOW, from: new Date(Date.UTC(2025, 0, 1)), to: new Date(Date.UTC(2026, 0, 1)), groupBy: [] }),
    options: { ...withSnapshot, disclosureK: 5 },
  },
  {
    name: 'country', about: 'a country filter and a period [from, to)',
    query: () => ({ asOf: NOW, from: new Date(Date.UTC(2025, 0, 1)), to: new Date(Date.UTC(2026, 0, 1)), countries: ['BG', 'RO'], groupBy: [] }),
    options: withSnapshot,
  },
  {
    name: 'filters', about: 'every other filter the indicator has: measures, SOPs, receivers',
    query: (def) => ({
      asOf: NOW, groupBy: [],
      ...(def.filters.includes('measure') ? { measures: ['SOP1.M1', 'SOP2.M5'] } : {}),
      ...(def.filters.includes('sop') ? { sops: [1, 3] } : {}),
      ...(def.filters.includes('toCountry') ? { toCountries: ['IT'] } : {}),
    }),
    options: withSnapshot,
  },
  {
    name: 'grouped', about: 'grouped by country, quarter, exploitation (an array joined) and age group',
    query: (def) => ({ asOf: NOW, groupBy: available(def, ['country', 'period:quarter', 'exploitation', 'ageGroup']) }),
    options: withSnapshot,
  },
];

/** The file's text: what the request is, the bound parameters the SQL uses, the SQL. */
function rendered(title: string, sql: string, params: Record<string, unknown>): string {
  const used = [...new Set([...sql.matchAll(/\{([A-Za-z]+):[^}]+\}/g)].map((m) => m[1]))].sort();
  return [
    `-- ${title}`,
    '-- Rendered by libs/indicators/test/rendered-sql.unit.spec.ts (npm run sql:render); do not edit.',
    ...used.map((name) => `--   ${name} = ${JSON.stringify(params[name])}`),
    sql,
    '',
  ].join('\n');
}

function renderAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const def of INDICATORS) {
    for (const r of REQUESTS) {
      const built = buildIndicatorQuery(def, r.query(def), 'trm', r.options);
      files.set(`${def.sql.template}.${r.name}.sql`, rendered(`${def.id}: ${r.about}`, built.sql, built.params));
      if (def.sql.caseIdsTemplate && r.options.disclosureK === undefined) {
        const listed = buildIndicatorQuery(def, r.query(def), 'trm', { ...r.options, caseIds: true });
        files.set(`${def.sql.caseIdsTemplate}.${r.name}.sql`, rendered(`${def.id} with the cases' ids: ${r.about}`, listed.sql, listed.params));
      }
    }
  }
  return files;
}

/** GET /v1/referrals/open: its SQL as the warehouse receives it. */
async function renderOpenReferrals(files: Map<string, string>): Promise<void> {
  const asks = [
    { name: 'auditor', about: 'every open referral as of now', q: {} },
    { name: 'country', about: 'senders and receivers named', q: { countries: ['BG'], toCountries: ['IT'] } },
    { name: 'either-side', about: 'a rapporteur naming neither: referrals with either side among its countries', q: { eitherSide: ['BG', 'RO'] } },
  ];
  for (const a of asks) {
    const warehouse = {
      query: async (sql: string, params: Record<string, unknown>) => {
        files.set(`referrals-open.${a.name}.sql`, rendered(`GET /v1/referrals/open: ${a.about}`, sql, params));
        return [];
      },
    } as unknown as Warehouse;
    await openReferrals(warehouse, 'trm', { asOf: NOW, ...a.q });
  }
}

describe('the SQL every indicator runs (libs/indicators/sql/rendered)', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = renderAll();
    await renderOpenReferrals(files);
    if (UPDATE) {
      rmSync(RENDERED, { recursive: true, force: true });
      mkdirSync(RENDERED, { recursive: true });
      for (const [name, text] of files) writeFileSync(join(RENDERED, name), text);
    }
  });

  it('is committed for every indicator and request, and nothing else is', () => {
    const committed = readdirSync(RENDERED).filter((f) => f.endsWith('.sql')).sort();
    expect(committed).toEqual([...files.keys()].sort());
    expect(committed.length).toBeLessThan(200);
  });

  it('has not drifted from the committed files (npm run sql:render renders them again)', () => {
    const drifted = [...files].filter(([name, text]) => readFileSync(join(RENDERED, name), 'utf8') !== text).map(([name]) => name);
    expect(drifted).toEqual([]);
  });

  it('binds every value as a parameter and leaves no template tag', () => {
    for (const [name, text] of files) {
      const sql = text.split('\n').filter((l) => !l.startsWith('--')).join('\n');
      expect([name, /\{\{|\}\}/.test(sql)]).toEqual([name, false]);
      // Nothing a request supplies appears as text: countries, measures and dates are parameters.
      expect([name, /'(BG|RO|IT|SOP\d\.\w+|20\d\d-[^']*)'/.test(sql)]).toEqual([name, false]);
    }
  });

  it('matches each definition: its files exist, its live form is the template\'s, its values are bound', () => {
    for (const def of INDICATORS) {
      expect([def.id, INDICATOR_SQL.has(def.sql.template)]).toEqual([def.id, true]);
      if (def.sql.caseIdsTemplate) expect([def.id, INDICATOR_SQL.has(def.sql.caseIdsTemplate)]).toEqual([def.id, true]);
      expect([def.id, def.sql.liveForm]).toEqual([def.id, hasSection(def.sql.template, 'live')]);
      const sql = buildIndicatorQuery(def, { asOf: NOW, groupBy: [] }, 'trm').sql;
      for (const name of Object.keys(def.sql.params)) expect([def.id, name, sql.includes(`{${name}:`)]).toEqual([def.id, name, true]);
    }
  });
});
