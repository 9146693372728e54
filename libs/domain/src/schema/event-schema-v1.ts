// JSON Schema of event schema v1 (CONTRACT.md §1), as data: the validator compiles it once, and the
// HTTP layer may publish it in the OpenAPI document. Every object closes with
// `additionalProperties: false` so no free text (names, notes) can slip into the event store.
import {
  ACTORS, AGE_BANDS, CLOSURE_REASONS, COUNTRY_ROLES, EXPLOITATION_FORMS, MEASURE_STATUSES, REFERRAL_OUTCOMES,
  REFERRAL_PURPOSES, RETRACTION_REASONS, SEXES, type EventType,
} from '../vocabularies';
import { CITIZENSHIP_VALUES, COUNTRY_CODES } from '../countries';

export const EVENT_SCHEMA_V1_ID = 'https://trm-monitor/schemas/event/v1.json';

export const PATTERNS = {
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  caseRef: '^[A-Za-z0-9._:/-]{1,64}$',
  referralId: '^[A-Za-z0-9._:-]{1,64}$',
  measure: '^SOP[1-5]\\.[MC][0-9]{1,2}$',
  // A checklist item is numbered within its measure (`SOP2.M1.3`): codes, never free text.
  checklistItem: '^SOP[1-5]\\.[MC][0-9]{1,2}\\.[1-9][0-9]?$',
  catalogueVersion: '^[a-z0-9.-]{1,64}$',
} as const;

type Schema = Record<string, unknown>;
const str = (extra: Schema): Schema => ({ type: 'string', ...extra });
const oneOfValues = (values: readonly string[]): Schema => str({ enum: [...values] });
const country = oneOfValues(COUNTRY_CODES);
const referralId = str({ pattern: PATTERNS.referralId });

const profile: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['ageBand', 'sex', 'citizenship', 'exploitation', 'countryRole'],
  properties: {
    ageBand: oneOfValues(AGE_BANDS),
    sex: oneOfValues(SEXES),
    citizenship: oneOfValues(CITIZENSHIP_VALUES),
    exploitation: {
      type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: oneOfValues(EXPLOITATION_FORMS),
    },
    countryRole: oneOfValues(COUNTRY_ROLES),
    presumedMinor: { type: 'boolean' },
  },
};

/** Type-specific properties; `required` lists the mandatory ones. */
const SPECIFIC: Record<EventType, { properties: Record<string, Schema>; required: string[] }> = {
  'case.opened': { properties: { profile }, required: ['profile'] },
  'measure.recorded': {
    properties: {
      measure: str({ pattern: PATTERNS.measure }),
      status: oneOfValues(MEASURE_STATUSES),
      actor: oneOfValues(ACTORS),
      catalogueVersion: str({ pattern: PATTERNS.catalogueVersion }),
      checklist: {
        type: 'array', maxItems: 50, uniqueItems: true, items: str({ pattern: PATTERNS.checklistItem }),
      },
    },
    required: ['measure', 'status', 'actor'],
  },
  'referral.sent': {
    properties: { referralId, toCountry: country, purpose: oneOfValues(REFERRAL_PURPOSES), consent: { const: true } },
    required: ['referralId', 'toCountry', 'purpose', 'consent'],
  },
  'referral.received': { properties: { referralId, fromCountry: country }, required: ['referralId', 'fromCountry'] },
  'referral.feedback': {
    properties: { referralId, toCountry: country, outcome: oneOfValues(REFERRAL_OUTCOMES) },
    required: ['referralId', 'toCountry', 'outcome'],
  },
  'case.closed': { properties: { reason: oneOfValues(CLOSURE_REASONS) }, required: ['reason'] },
  'event.retracted': {
    properties: { retractsEventId: str({ pattern: PATTERNS.uuid }), reason: oneOfValues(RETRACTION_REASONS) },
    required: ['retractsEventId', 'reason'],
  },
};

const COMMON_REQUIRED = ['eventId', 'type', 'schemaVersion', 'country', 'caseRef', 'occurredAt'];

function branch(type: EventType): Schema {
  const { properties, required } = SPECIFIC[type];
  return {
    type: 'object',
    additionalProperties: false,
    required: [...COMMON_REQUIRED, ...required],
    properties: {
      eventId: str({ pattern: PATTERNS.uuid }),
      type: { const: type },
      schemaVersion: { const: 1 },
      country,
      caseRef: str({ pattern: PATTERNS.caseRef }),
      occurredAt: str({ format: 'date-time' }),
      ...properties,
    },
  };
}

/**
 * The event schema v1: one definition per type under `$defs` (named by the type), chosen by a
 * `discriminator` on `type` so errors name that type's problems instead of "matches none of oneOf".
 */
export const EVENT_SCHEMA_V1: Schema = {
  $id: EVENT_SCHEMA_V1_ID,
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: (Object.keys(SPECIFIC) as EventType[]).map((type) => ({ $ref: `#/$defs/${type}` })),
  $defs: Object.fromEntries((Object.keys(SPECIFIC) as EventType[]).map((type) => [type, branch(type)])),
};
