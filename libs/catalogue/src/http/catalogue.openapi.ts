import { arr, bool, int, obj, ref, str } from '@trm/auth';
import type { Schema } from '@trm/auth';
import { ACTORS, CATALOGUE_CHECK_CODES, CATALOGUE_SHAPE_CODES, DOCUMENT_ID, MAX_ID_LENGTH, MEASURE_CODE } from '@trm/domain';

/** A catalogue document's id as the API takes it in a path or a query (catalogue-fields.ts DOCUMENT_ID). */
export const DOCUMENT_ID_SCHEMA = str({ pattern: DOCUMENT_ID.source, maxLength: MAX_ID_LENGTH });
/** The largest publication body: 500 measures with 200-character titles fit in a fraction of it. */
export const MAX_CATALOGUE_BODY_BYTES = 512 * 1024;

const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const deadline = obj({ anchor: str(), within: str({ pattern: '^P[0-9]+D$' }) }, ['anchor', 'within']);
const measureCode = str({ pattern: MEASURE_CODE.source });
const date = str({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** Component schemas of the catalogue API (CONTRACT.md "Catalogue versions and national profiles"). */
export const CATALOGUE_SCHEMAS: Record<string, Schema> = {
  CatalogueEntry: obj({
    id: str(), kind: str({ enum: ['baseline', 'national'] }),
    country: nullable(str()), base: nullable(str()), effectiveFrom: date,
    publishedAt: nullable(str({ description: 'The publication\'s knowledge time (null for the shipped trm-baseline-1)' })),
    publishedBy: nullable(str({ description: 'The publishing key\'s id (null for the shipped trm-baseline-1)' })),
  }, ['id', 'kind', 'country', 'base', 'effectiveFrom', 'publishedAt', 'publishedBy']),
  ResolvedMeasure: obj({
    code: str(), sop: int(), title: str(), appliesTo: arr(str()), deadline: nullable(deadline), before: str(),
    actors: arr(str()), adopted: bool(),
  }, ['code', 'sop', 'title', 'appliesTo', 'deadline', 'actors', 'adopted']),
  ResolvedCatalogue: obj({
    id: str(), kind: str({ enum: ['baseline', 'national'] }), country: str(), base: str(), effectiveFrom: date,
    publishedAt: nullable(str()), publishedBy: nullable(str()),
    measures: arr(ref('ResolvedMeasure')),
  }, ['id', 'kind', 'effectiveFrom', 'publishedAt', 'publishedBy', 'measures']),
  CatalogueDiff: obj({
    from: str(), to: str(),
    added: arr(ref('ResolvedMeasure')), removed: arr(ref('ResolvedMeasure')),
    adoption: arr(obj({ code: str(), from: bool(), to: bool() }, ['code', 'from', 'to'])),
    deadlines: arr(obj({ code: str(), from: nullable(deadline), to: nullable(deadline) }, ['code', 'from', 'to'])),
    changed: arr(obj({ code: str(), field: str({ enum: ['sop', 'title', 'appliesTo', 'before', 'actors'] }), from: {}, to: {} }, ['code', 'field', 'from', 'to'])),
  }, ['from', 'to', 'added', 'removed', 'adoption', 'deadlines', 'changed']),
  CatalogueRefusal: obj({
    statusCode: int(), error: str({ pattern: '^[a-z][a-z0-9_]*$' }), message: str(),
    errors: arr(obj({
      path: str({ description: 'JSON pointer into the document' }),
      code: str({ enum: [...CATALOGUE_CHECK_CODES, ...CATALOGUE_SHAPE_CODES] }),
      message: str(),
    }, ['path', 'code', 'message'])),
  }, ['statusCode', 'error']),
};

const measure = obj({
  code: measureCode, sop: int({ minimum: 1, maximum: 5 }), title: str({ maxLength: 200 }),
  appliesTo: arr(str()), deadline: deadline, before: measureCode, actors: arr(str({ enum: [...ACTORS] })),
}, ['code', 'sop', 'title', 'appliesTo', 'actors']);

/** POST /v1/catalogue: a baseline version or a national profile (CATALOGUE.md "Versions and national profiles"). */
export const CATALOGUE_BODY = {
  required: true,
  content: {
    'application/json': {
      schema: {
        oneOf: [
          obj({ id: DOCUMENT_ID_SCHEMA, kind: str({ enum: ['baseline'] }), effectiveFrom: date, measures: arr(measure) },
            ['id', 'kind', 'effectiveFrom', 'measures']),
          obj({
            id: DOCUMENT_ID_SCHEMA, kind: str({ enum: ['national'] }), country: str({ pattern: '^[A-Z]{2}$' }), base: DOCUMENT_ID_SCHEMA,
            effectiveFrom: date,
            adaptations: { type: 'object', additionalProperties: { oneOf: [obj({ adopted: { const: false } }, ['adopted']), obj({ deadline: nullable(deadline) }, ['deadline'])] } },
          }, ['id', 'kind', 'country', 'base', 'effectiveFrom', 'adaptations']),
        ],
      },
    },
  },
};
