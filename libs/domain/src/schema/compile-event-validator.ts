// Compiles the event schema once into the fastest validator ajv can give, without changing what it
// accepts. The published schema stays plain JSON Schema; only its compiled form differs:
// - ajv checks an enum of 200+ values (the country list) with a deep-equal loop (~1 µs) and a
//   shorter one with a chain of `===`, still ~150 string compares for a country; such enums are
//   compiled to one Set lookup instead (keyword `x-enum-set`, reported as `enum`).
// - `inlineRefs: false` keeps one generated function per event type. One inlined function holding
//   every type was ~2× slower while the country enums were `===` chains (too big for V8 to
//   optimise well); with Set lookups the two are even, and small functions stay safe as it grows.
import Ajv, { _, type AnySchemaObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import { isRfc3339DateTime } from './date-time';
import { EVENT_SCHEMA_V1 } from './event-schema-v1';

/** Enums longer than this become a Set lookup in the compiled form. */
const SET_LOOKUP_FROM = 32;
export const ENUM_SET_KEYWORD = 'x-enum-set';

function withSetEnums(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withSetEnums);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' && Array.isArray(value) && value.length > SET_LOOKUP_FROM) out[ENUM_SET_KEYWORD] = value;
    else out[key] = withSetEnums(value);
  }
  return out;
}

export function compileEventValidator(): ValidateFunction {
  // allErrors: a submitter fixing a rejected event should see all its problems at once.
  // unicodeRegExp false: the patterns are ASCII classes, which match the same strings with or
  // without the `u` flag, and irregexp runs them ~10% faster without it.
  const ajv = new Ajv({
    allErrors: true, discriminator: true, messages: false, strict: true, inlineRefs: false, unicodeRegExp: false,
  });
  ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
  ajv.addKeyword({
    keyword: ENUM_SET_KEYWORD,
    type: 'string',
    schemaType: 'array',
    error: { message: 'must be equal to one of the allowed values', params: ({ schemaCode }) => _`{allowedValues: ${schemaCode}}` },
    code(cxt: KeywordCxt) {
      const set = cxt.gen.scopeValue('keyword', { ref: new Set(cxt.schema as string[]) });
      cxt.fail(_`!${set}.has(${cxt.data})`);
    },
  });
  return ajv.compile(withSetEnums(EVENT_SCHEMA_V1) as AnySchemaObject);
}
