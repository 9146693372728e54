import { DomainError } from '@trm/domain';

/** Codes of a body refused as a whole (CONTRACT.md §2): each answered 400 with where it broke, never with the content. */
export type BodyErrorCode =
  | 'malformed_body' | 'invalid_utf8' | 'nesting_too_deep' | 'forbidden_key' | 'duplicate_key'
  | 'forbidden_column' | 'duplicate_column' | 'too_many_columns' | 'missing_column' | 'bad_idempotency_key';

/** A body that cannot be parsed at all: refused with where it broke (never with the content). */
export class BodyParseError extends DomainError {
  declare readonly code: BodyErrorCode;
  constructor(message: string, readonly line?: number, readonly offset?: number, code: BodyErrorCode = 'malformed_body') {
    super(code, message, { line, offset });
  }
}

/** More events than one request may carry. */
export class TooManyEventsError extends DomainError {
  declare readonly code: 'too_many_events';
  constructor(readonly limit: number) {
    super('too_many_events', `a request may carry at most ${limit} events`);
  }
}
