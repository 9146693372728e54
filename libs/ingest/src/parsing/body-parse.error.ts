/** Codes of a body refused as a whole (CONTRACT.md §2): each answered 400 with where it broke, never with the content. */
export type BodyErrorCode =
  | 'malformed_body' | 'invalid_utf8' | 'nesting_too_deep' | 'forbidden_key' | 'duplicate_key'
  | 'forbidden_column' | 'duplicate_column' | 'too_many_columns' | 'missing_column' | 'bad_idempotency_key';

/** A body that cannot be parsed at all: answered 400 with where it broke (never with the content). */
export class BodyParseError extends Error {
  readonly statusCode = 400;
  constructor(message: string, readonly line?: number, readonly offset?: number, readonly code: BodyErrorCode = 'malformed_body') {
    super(message);
  }
}

/** More events than one request may carry: answered 413. */
export class TooManyEventsError extends Error {
  readonly code = 'too_many_events';
  constructor(readonly limit: number) {
    super(`a request may carry at most ${limit} events`);
  }
}
