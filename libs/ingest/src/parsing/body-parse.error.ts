/** A body that cannot be parsed at all: answered 400 with where it broke (never with the content). */
export class BodyParseError extends Error {
  readonly code = 'malformed_body';
  constructor(message: string, readonly line?: number, readonly offset?: number) {
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
