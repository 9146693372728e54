/**
 * An event the projection cannot turn into warehouse rows (a time the warehouse cannot hold, a
 * shape no version of the schema has). Its message is ours, never the event's content.
 */
export class ProjectionError extends Error {
  constructor(readonly position: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * A failure as it may be shown (status, health with a key, quarantine): the projection's own code,
 * or the warehouse's error name — never the warehouse's message, which can quote a row's values.
 */
export function failureCode(err: unknown): string {
  if (err instanceof ProjectionError) return err.code;
  const message = err instanceof Error ? err.message : String(err);
  const name = /\(([A-Z][A-Z0-9_]{2,})\)/.exec(message)?.[1];
  return name ? `warehouse:${name}` : 'projection_failed';
}
