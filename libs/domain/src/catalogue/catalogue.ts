import baseline from './trm-baseline-1.json';
import { CHILD_AGE_BANDS } from '../vocabularies';
import type { Profile } from '../events';

/** An applicability term of CATALOGUE.md: all | child | adult | foreign | origin | entered:SOP<n>. */
export type ApplicabilityTerm = 'all' | 'child' | 'adult' | 'foreign' | 'origin' | `entered:SOP${number}`;

export interface MeasureDefinition {
  code: string;
  sop: number;
  title: string;
  childSpecific: boolean;
  appliesTo: ApplicabilityTerm[];
  deadline?: { anchor: 'case.opened' | string; within: string };
  before?: string;
  actors: string[];
  /**
   * `false` when the national profile governing the case has not adopted the measure: it then
   * applies to no case (CATALOGUE.md "Versions and national profiles"). Absent means adopted.
   */
  adopted?: boolean;
}

export interface Catalogue {
  version: string;
  effectiveFrom: string;
  sops: { sop: number; title: string }[];
  measures: MeasureDefinition[];
}

export const BASELINE_CATALOGUE_VERSION = 'trm-baseline-1';

const catalogues = new Map<string, Catalogue>([[BASELINE_CATALOGUE_VERSION, baseline as Catalogue]]);

export function getCatalogue(version: string = BASELINE_CATALOGUE_VERSION): Catalogue | undefined {
  return catalogues.get(version);
}

export function catalogueVersions(): string[] {
  return [...catalogues.keys()];
}

/** The catalogue version in force at an instant (the newest whose effectiveFrom is not after it). */
export function catalogueInForce(at: Date = new Date()): Catalogue {
  let best: Catalogue | undefined;
  for (const c of catalogues.values()) {
    if (Date.parse(c.effectiveFrom) <= at.getTime() && (!best || c.effectiveFrom > best.effectiveFrom)) best = c;
  }
  return best ?? (baseline as Catalogue);
}

export function findMeasure(catalogue: Catalogue, code: string): MeasureDefinition | undefined {
  return catalogue.measures.find((m) => m.code === code);
}

/** INDICATORS.md: `child` = ageBand 0-11/12-14/15-17 or presumedMinor. */
export function isChild(profile: Pick<Profile, 'ageBand' | 'presumedMinor'>): boolean {
  return CHILD_AGE_BANDS.includes(profile.ageBand) || profile.presumedMinor === true;
}

/** INDICATORS.md: `foreign` = citizenship ≠ reporting country (`unknown` counts as foreign). */
export function isForeign(profile: Pick<Profile, 'citizenship'>, country: string): boolean {
  return profile.citizenship !== country;
}

export function isOrigin(profile: Pick<Profile, 'countryRole'>): boolean {
  return profile.countryRole === 'origin';
}

export interface CaseFacts {
  child: boolean;
  foreign: boolean;
  origin: boolean;
  /** SOPs the case has entered (an effective measure record with status ≠ not_applicable). */
  enteredSops: ReadonlySet<number>;
}

/** `applies(c, m)`: m is adopted and every term of m's appliesTo holds. */
export function applies(measure: MeasureDefinition, facts: CaseFacts): boolean {
  return measure.adopted !== false && measure.appliesTo.every((term) => {
    switch (term) {
      case 'all': return true;
      case 'child': return facts.child;
      case 'adult': return !facts.child;
      case 'foreign': return facts.foreign;
      case 'origin': return facts.origin;
      default: {
        const m = /^entered:SOP(\d)$/.exec(term);
        if (!m) throw new Error(`unknown applicability term ${term}`);
        return facts.enteredSops.has(Number(m[1]));
      }
    }
  });
}

/** ISO-8601 duration `PnD` (the only form the catalogue uses) → milliseconds; PnD is exactly n × 24 h. */
export function durationMs(iso: string): number {
  const m = /^P(\d+)D$/.exec(iso);
  if (!m) throw new Error(`unsupported duration ${iso}`);
  return Number(m[1]) * 86_400_000;
}
