/**
 * Codes of a request refused as a whole: the `error` of an answer `{ statusCode, error, message }`.
 * Stable (the hostile corpus and clients match on them); the HTTP status of each is chosen in one
 * place only, the HTTP layer's exception filter. Per-event rejections carry CASE_RULE_CODES and
 * schema keywords instead (errors.ts).
 */
export const DOMAIN_ERROR_CODES = [
  // A parameter or a body that is refused.
  'bad_request', 'invalid_query', 'out_of_range', 'period_not_aligned',
  'malformed_body', 'invalid_utf8', 'nesting_too_deep', 'forbidden_key', 'duplicate_key',
  'forbidden_column', 'duplicate_column', 'too_many_columns', 'missing_column', 'bad_idempotency_key',
  'unsupported_media_type', 'too_many_events',
  // Who may ask.
  'unauthorized', 'forbidden',
  // What is asked for.
  'not_found', 'conflict',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * A refusal with a stable code, thrown (or returned) by services and handlers instead of an HTTP
 * exception. `details` are extra fields of the answer (e.g. a body's line and offset); a message
 * is ours, never the input's: a refused input may hold personal data.
 */
export class DomainError extends Error {
  constructor(readonly code: DomainErrorCode, message: string, readonly details?: Readonly<Record<string, unknown>>) {
    super(message);
  }
}
