import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { AuditLogStore } from '@trm/audit-log';
import { ApiErrors, ApiOk, ApiSchemas, arr, CurrentKey, json, obj, ref, REFUSED, Roles, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { diffCatalogues, DOCUMENT_ID, DomainError, MAX_ID_LENGTH } from '@trm/domain';
import type { PublishedCatalogueDocument, ResolvedCatalogue } from '@trm/domain';
import { CatalogueRegistry } from '../catalogue-registry';
import { CATALOGUE_BODY, CATALOGUE_SCHEMAS, DOCUMENT_ID_SCHEMA, MAX_CATALOGUE_BODY_BYTES } from './catalogue.openapi';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
}

const ANY_ROLE = ['submitter', 'rapporteur', 'manager', 'auditor', 'admin'] as const;

/** An id from a path or a query: checked before it is looked up, never echoed. */
function documentId(name: string, raw: unknown, code: 'bad_request' | 'invalid_query'): string {
  if (typeof raw !== 'string' || raw.length > MAX_ID_LENGTH || !DOCUMENT_ID.test(raw)) {
    throw new DomainError(code, `${name} must be a catalogue document id (hyphen-separated words starting with a letter, at most ${MAX_ID_LENGTH} characters)`);
  }
  return raw;
}

const stamp = (p: PublishedCatalogueDocument) => ({ publishedAt: p.recordedAt, publishedBy: p.publishedBy });

/**
 * CONTRACT.md "Catalogue versions and national profiles": the published documents, one resolved,
 * the diff of two, and publishing. Reads are for every role; a baseline is published by an admin,
 * a national profile by an admin or a rapporteur of that country. A publication is in the access log
 * (key and document id; never the body).
 */
@Controller('v1/catalogue')
@ApiSchemas(CATALOGUE_SCHEMAS)
export class CatalogueController {
  constructor(
    @Inject(CatalogueRegistry) private readonly registry: CatalogueRegistry,
    private readonly audit: AuditLogStore,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Every published catalogue document (baseline versions and national profiles), in publication order' })
  @ApiOk('The documents', obj({ documents: arr(ref('CatalogueEntry')) }, ['documents']))
  @ApiErrors(REFUSED)
  async list(@Query() query: Record<string, unknown>) {
    if (Object.keys(query ?? {}).length > 0) throw new DomainError('invalid_query', 'this endpoint takes no query parameters');
    const documents = (await this.registry.published()).map((p) => ({
      id: p.document.id, kind: p.document.kind,
      country: p.document.kind === 'national' ? p.document.country : null,
      base: p.document.kind === 'national' ? p.document.base : null,
      effectiveFrom: p.document.effectiveFrom, ...stamp(p),
    }));
    return { documents };
  }

  // Declared before `:id` so that `diff` is never taken for an id (ids have a hyphen; `diff` has none).
  @Get('diff')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'What changed between two catalogue documents: measures added, removed, adopted or not, deadlines re-timed' })
  @ApiQuery({ name: 'from', required: true, schema: DOCUMENT_ID_SCHEMA })
  @ApiQuery({ name: 'to', required: true, schema: DOCUMENT_ID_SCHEMA })
  @ApiOk('The differences, each list in document order', ref('CatalogueDiff'))
  @ApiErrors({ ...REFUSED, 404: 'No document with one of these ids' })
  async diff(@Query() query: Record<string, unknown>) {
    const extra = Object.keys(query ?? {}).filter((k) => k !== 'from' && k !== 'to');
    if (extra.length > 0) throw new DomainError('invalid_query', 'diff takes only from and to');
    const from = documentId('from', query.from, 'invalid_query');
    const to = documentId('to', query.to, 'invalid_query');
    const [a, b] = await Promise.all([this.registry.find(from), this.registry.find(to)]);
    if (!a || !b) throw new DomainError('not_found', `no catalogue document with the id given as ${a ? 'to' : 'from'}`);
    return diffCatalogues(a.resolved, b.resolved);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'One catalogue document, resolved: each measure with the deadline in force and whether it is adopted' })
  @ApiParam({ name: 'id', required: true, schema: DOCUMENT_ID_SCHEMA })
  @ApiOk('The document, resolved', ref('ResolvedCatalogue'))
  @ApiErrors({ ...REFUSED, 404: 'No document with this id', ...URI_TOO_LONG })
  async read(@Param('id') raw: string, @Query() query: Record<string, unknown>) {
    const id = documentId('id', raw, 'bad_request');
    if (Object.keys(query ?? {}).length > 0) throw new DomainError('invalid_query', 'this endpoint takes no query parameters');
    const found = await this.registry.find(id);
    if (!found) throw new DomainError('not_found', 'no catalogue document with this id');
    return withStamp(found.resolved, found.published);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'rapporteur')
  @ApiOperation({ summary: 'Publish a baseline version (admin) or a national profile (admin, or a rapporteur of its country)' })
  @ApiBody(CATALOGUE_BODY)
  @ApiResponse({ status: 201, description: 'Published: the document, resolved', content: json(ref('ResolvedCatalogue')) })
  @ApiResponse({ status: 400, description: 'A publishing check failed (each error with its code), or a body that is refused; nothing stored', content: json(ref('CatalogueRefusal')) })
  @ApiResponse({ status: 409, description: 'The id is taken (catalogue_version_exists): documents are immutable; nothing stored', content: json(ref('CatalogueRefusal')) })
  @ApiErrors({ 413: `A body over ${MAX_CATALOGUE_BODY_BYTES} bytes`, 415: 'Not application/json' })
  async publish(@Req() req: RawRequest, @Body() body: unknown, @CurrentKey() key: ApiKey) {
    // The declared length; a chunked body (none declared) is measured once parsed (the service's body limit bounds it).
    const declared = req.headers['content-length'];
    const length = declared !== undefined ? Number(declared)
      : body === undefined || Buffer.isBuffer(body) ? 0 : Buffer.byteLength(JSON.stringify(body));
    if (length > MAX_CATALOGUE_BODY_BYTES) {
      throw Object.assign(new Error(`a catalogue document is at most ${MAX_CATALOGUE_BODY_BYTES} bytes`), { statusCode: 413, code: 'body_too_large' });
    }
    // The JSON parser hands other media types over as bytes.
    if (Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 'send the document as application/json');
    const kind = (body as { kind?: unknown } | null | undefined)?.kind;
    if (kind === 'baseline' && key.role !== 'admin') throw new DomainError('forbidden', 'only an admin key may publish a baseline version');
    // An admin publishes for every country; a rapporteur for its own (forbidden_country otherwise).
    const result = await this.registry.publish(body, { id: key.id, countries: key.role === 'admin' ? ['*'] : key.countries });
    if (!result.ok) {
      throw new DomainError(result.conflict ? 'conflict' : 'bad_request',
        result.conflict ? 'a document with this id is published: documents are immutable, publish a new id' : `the document was refused (${result.errors.length} error(s)); nothing was stored`,
        { errors: result.errors });
    }
    this.audit.logAccess({ keyId: key.id, role: key.role, action: 'catalogue.publish', target: result.published.document.id });
    return withStamp(result.resolved, result.published);
  }
}

function withStamp(resolved: ResolvedCatalogue, published: PublishedCatalogueDocument) {
  return { ...resolved, ...stamp(published) };
}
