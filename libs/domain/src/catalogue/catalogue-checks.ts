import { isCountryCode } from '../countries';
import type { Actor } from '../vocabularies';
import type { ApplicabilityTerm } from './catalogue';
import type {
  Adaptation, BaselineDocument, CatalogueDeadline, CatalogueDocument, CatalogueMeasure, NationalProfile,
  PublishedCatalogueDocument,
} from './catalogue-document';
import {
  MAX_MEASURES, MEASURE_CODE, checkActors, checkAppliesTo, checkDeadline, checkEffectiveFrom, checkId, checkTitle,
  copyDeadline, cycleMembers, err, has, isMeasureCode, isObject, unknownFields,
} from './catalogue-fields';
import type { CatalogueError } from './catalogue-fields';

/**
 * The publishing checks of CATALOGUE.md ("Publishing is checked"): every failure with its code,
 * as values — this never throws, whatever the input. On success the document is a fresh copy
 * holding only the fields of the shape, ready to be stored as the event's data.
 */
export type CatalogueCheckResult =
  | { ok: true; document: CatalogueDocument }
  | { ok: false; errors: CatalogueError[] };

export interface CatalogueCheckContext {
  /** The documents published so far, the shipped baseline included. */
  published: readonly PublishedCatalogueDocument[];
  /** The publishing key's countries (`*`: all); a national profile outside them is `forbidden_country`. */
  countries?: readonly string[];
}

/** At most this many errors are returned: enough to fix a document, bounded for a hostile one. */
export const MAX_CATALOGUE_ERRORS = 100;

const BASELINE_FIELDS = ['id', 'kind', 'effectiveFrom', 'measures'] as const;
const NATIONAL_FIELDS = ['id', 'kind', 'country', 'base', 'effectiveFrom', 'adaptations'] as const;
const MEASURE_FIELDS = ['code', 'sop', 'title', 'appliesTo', 'deadline', 'before', 'actors'] as const;
const REQUIRED_MEASURE_FIELDS = ['code', 'sop', 'title', 'appliesTo', 'actors'] as const;

export function checkCatalogueDocument(input: unknown, context: CatalogueCheckContext): CatalogueCheckResult {
  try {
    const errors: CatalogueError[] = [];
    const document = isObject(input)
      ? input.kind === 'baseline' ? checkBaseline(input, context, errors)
        : input.kind === 'national' ? checkNational(input, context, errors)
          : (errors.push(has(input, 'kind')
            ? err('/kind', 'enum', 'must be baseline or national')
            : err('/kind', 'required', 'a catalogue document needs a kind (baseline or national)')), undefined)
      : (errors.push(err('', 'type', 'a catalogue document is a JSON object')), undefined);
    return errors.length === 0 && document ? { ok: true, document } : { ok: false, errors: errors.slice(0, MAX_CATALOGUE_ERRORS) };
  } catch {
    // Only an input no JSON parser produces (a getter, a proxy) gets here.
    return { ok: false, errors: [err('', 'type', 'a catalogue document is plain JSON')] };
  }
}

/** Checks shared by both kinds: fields, id (free and well-formed), effectiveFrom. */
function checkCommon(doc: Record<string, unknown>, fields: readonly string[], context: CatalogueCheckContext, errors: CatalogueError[]): void {
  errors.push(...unknownFields(doc, fields, '', `a ${String(doc.kind)} document`));
  for (const f of fields) if (!has(doc, f)) errors.push(err(`/${f}`, 'required', `a ${String(doc.kind)} document needs ${f}`));
  if (has(doc, 'id')) {
    const idErrors = checkId(doc.id, '/id');
    errors.push(...idErrors);
    if (idErrors.length === 0 && context.published.some((p) => p.document.id === doc.id)) {
      errors.push(err('/id', 'catalogue_version_exists', 'this id is taken: published documents are immutable, publish a new id'));
    }
  }
  if (has(doc, 'effectiveFrom')) errors.push(...checkEffectiveFrom(doc.effectiveFrom, '/effectiveFrom'));
}

function checkBaseline(doc: Record<string, unknown>, context: CatalogueCheckContext, errors: CatalogueError[]): BaselineDocument | undefined {
  checkCommon(doc, BASELINE_FIELDS, context, errors);
  if (!has(doc, 'measures')) return undefined;
  const measures = doc.measures;
  if (!Array.isArray(measures)) return void errors.push(err('/measures', 'type', 'must be an array of measures'));
  if (measures.length === 0) return void errors.push(err('/measures', 'minItems', 'a baseline needs at least one measure'));
  if (measures.length > MAX_MEASURES) return void errors.push(err('/measures', 'maxItems', `a baseline has at most ${MAX_MEASURES} measures`));

  // First pass: each measure on its own, and the codes it defines.
  const codes = new Set<string>();
  measures.forEach((m, i) => {
    const at = `/measures/${i}`;
    if (!isObject(m)) return void errors.push(err(at, 'type', 'a measure is an object'));
    errors.push(...unknownFields(m, MEASURE_FIELDS, at, 'a measure'));
    for (const f of REQUIRED_MEASURE_FIELDS) if (!has(m, f)) errors.push(err(`${at}/${f}`, 'required', `a measure needs ${f}`));
    if (has(m, 'code')) {
      if (!isMeasureCode(m.code)) errors.push(err(`${at}/code`, 'invalid_measure_code', 'must be SOP<n>.M<k> or SOP<n>.C<k>, n 1-5'));
      else if (codes.has(m.code)) errors.push(err(`${at}/code`, 'duplicate_measure', 'another measure of this document has the same code'));
      else codes.add(m.code);
    }
    if (has(m, 'sop')) {
      if (typeof m.sop !== 'number' || !Number.isInteger(m.sop)) errors.push(err(`${at}/sop`, 'type', 'must be an integer'));
      else if (m.sop < 1 || m.sop > 5) errors.push(err(`${at}/sop`, 'enum', 'must be 1-5'));
      else if (isMeasureCode(m.code) && Number(MEASURE_CODE.exec(m.code)![1]) !== m.sop) {
        errors.push(err(`${at}/code`, 'invalid_measure_code', 'the code must name the measure\'s SOP (SOP<sop>.…)'));
      }
    }
    if (has(m, 'title')) errors.push(...checkTitle(m.title, `${at}/title`));
    if (has(m, 'appliesTo')) errors.push(...checkAppliesTo(m.appliesTo, `${at}/appliesTo`));
    if (has(m, 'actors')) errors.push(...checkActors(m.actors, `${at}/actors`));
  });

  // Second pass: what names other measures of the same document (anchors, before).
  const anchors = new Map<string, string[]>();
  const befores = new Map<string, string[]>();
  measures.forEach((m, i) => {
    if (!isObject(m)) return;
    const at = `/measures/${i}`;
    const own = isMeasureCode(m.code) ? m.code : undefined;
    if (has(m, 'deadline') && m.deadline !== null) {
      const e = checkDeadline(m.deadline, `${at}/deadline`, codes);
      errors.push(...e);
      if (e.length === 0 && own && isObject(m.deadline) && m.deadline.anchor !== 'case.opened') anchors.set(own, [m.deadline.anchor as string]);
    }
    if (has(m, 'before') && m.before !== null) {
      if (typeof m.before !== 'string' || !codes.has(m.before) || m.before === own) {
        errors.push(err(`${at}/before`, 'invalid_before', 'must be the code of another measure of the same document'));
      } else if (own) befores.set(own, [m.before]);
    }
  });
  const anchorCycle = cycleMembers(anchors);
  const beforeCycle = cycleMembers(befores);
  measures.forEach((m, i) => {
    if (!isObject(m) || !isMeasureCode(m.code)) return;
    if (anchorCycle.has(m.code)) errors.push(err(`/measures/${i}/deadline/anchor`, 'anchor_cycle', 'deadline anchors form a cycle: no due time could ever be set'));
    if (beforeCycle.has(m.code)) errors.push(err(`/measures/${i}/before`, 'invalid_before', 'sequencing rules form a cycle: no order could satisfy them'));
  });
  if (errors.length > 0) return undefined;

  return {
    id: doc.id as string, kind: 'baseline', effectiveFrom: doc.effectiveFrom as string,
    measures: (measures as Record<string, unknown>[]).map((m): CatalogueMeasure => ({
      code: m.code as string, sop: m.sop as number, title: m.title as string,
      appliesTo: [...(m.appliesTo as ApplicabilityTerm[])],
      ...(isObject(m.deadline) ? { deadline: copyDeadline(m.deadline) } : {}),
      ...(typeof m.before === 'string' ? { before: m.before } : {}),
      actors: [...(m.actors as Actor[])],
    })),
  };
}

function checkNational(doc: Record<string, unknown>, context: CatalogueCheckContext, errors: CatalogueError[]): NationalProfile | undefined {
  checkCommon(doc, NATIONAL_FIELDS, context, errors);
  if (has(doc, 'country')) {
    if (!isCountryCode(doc.country)) errors.push(err('/country', 'enum', 'must be an ISO 3166-1 alpha-2 country code (or XK)'));
    else {
      const scope = context.countries ?? ['*'];
      if (!scope.includes('*') && !scope.includes(doc.country)) {
        errors.push(err('/country', 'forbidden_country', 'the publishing key may not publish profiles for this country'));
      }
    }
  }
  let base: BaselineDocument | undefined;
  if (has(doc, 'base')) {
    const found = context.published.find((p) => p.document.kind === 'baseline' && p.document.id === doc.base)?.document;
    if (found?.kind === 'baseline') base = found;
    else errors.push(err('/base', 'unknown_base', 'must be the id of a published baseline version'));
  }
  if (!has(doc, 'adaptations')) return undefined;
  const adaptations = doc.adaptations;
  if (!isObject(adaptations)) return void errors.push(err('/adaptations', 'type', 'must be an object keyed by measure code'));
  const keys = Object.keys(adaptations);
  if (keys.length > MAX_MEASURES) return void errors.push(err('/adaptations', 'maxProperties', `has at most ${MAX_MEASURES} adaptations`));

  const baseCodes = new Set(base?.measures.map((m) => m.code) ?? []);
  const copy = new Map<string, Adaptation>();
  let malformed = 0;
  for (const code of keys) {
    // A key that is no measure code is not echoed, even in the path.
    if (!isMeasureCode(code)) { malformed++; continue; }
    const at = `/adaptations/${code}`;
    if (base && !baseCodes.has(code)) errors.push(err(at, 'unknown_measure', 'the base has no measure with this code'));
    const a = adaptations[code];
    if (!isObject(a)) { errors.push(err(at, 'type', 'an adaptation is { "adopted": false } or { "deadline": … }')); continue; }
    const before = errors.length;
    errors.push(...unknownFields(a, ['adopted', 'deadline'], at, 'an adaptation (a profile may only set adopted or deadline: sop, appliesTo and before come from the base)'));
    const n = Number(has(a, 'adopted')) + Number(has(a, 'deadline'));
    if (n !== 1) errors.push(err(at, 'oneOf', 'an adaptation is exactly one of { "adopted": false } and { "deadline": … }'));
    if (has(a, 'adopted') && a.adopted !== false) errors.push(err(`${at}/adopted`, 'const', 'can only be false (a measure of the base is adopted unless a profile says otherwise)'));
    if (has(a, 'deadline') && a.deadline !== null) errors.push(...checkDeadline(a.deadline, `${at}/deadline`, base && baseCodes));
    if (errors.length === before && n === 1) {
      copy.set(code, has(a, 'adopted') ? { adopted: false } : { deadline: isObject(a.deadline) ? copyDeadline(a.deadline) : null });
    }
  }
  if (malformed > 0) errors.push(err('/adaptations', 'unknown_measure', `${malformed} adaptation key(s) are not measure codes (SOP<n>.M<k> or SOP<n>.C<k>)`));

  if (base && errors.length === 0) {
    // Anchors as resolved: the base's deadlines with the national ones in their place.
    const anchors = new Map<string, string[]>();
    for (const m of base.measures) {
      const a = copy.get(m.code);
      const deadline: CatalogueDeadline | null | undefined = a && 'deadline' in a ? a.deadline : m.deadline;
      if (deadline && deadline.anchor !== 'case.opened') anchors.set(m.code, [deadline.anchor]);
    }
    // The base has no cycle (it was checked), so every cycle passes through a national deadline.
    const cycle = cycleMembers(anchors);
    for (const { code } of base.measures) {
      if (cycle.has(code) && copy.has(code)) {
        errors.push(err(`/adaptations/${code}/deadline/anchor`, 'anchor_cycle',
          'with the national deadlines, deadline anchors form a cycle: no due time could ever be set'));
      }
    }
  }
  if (errors.length > 0) return undefined;
  return {
    id: doc.id as string, kind: 'national', country: doc.country as string, base: doc.base as string,
    effectiveFrom: doc.effectiveFrom as string, adaptations: Object.fromEntries(copy),
  };
}
