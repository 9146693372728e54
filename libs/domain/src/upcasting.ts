// Schema evolution: stored events are never rewritten. When a `schemaVersion: 2` appears, the
// reading side lifts older events on the fly through a chain of upcasters, one per
// (type, fromVersion), until they reach the current version. v1 is current, so the default
// registry is empty and `upcast` returns v1 events as they are.

/** An event as read from storage, of any schema version. */
export interface RawEvent {
  type: string;
  schemaVersion: number;
  [field: string]: unknown;
}

/** Lifts an event of version n to version n + 1 (`upcast` sets schemaVersion). Must not mutate. */
export type Upcaster = (event: RawEvent) => Record<string, unknown>;

export const CURRENT_SCHEMA_VERSION = 1;

export interface UpcasterRegistry {
  readonly currentVersion: number;
  /** Registers the step `fromVersion` → `fromVersion + 1` for one event type. */
  register(type: string, fromVersion: number, upcaster: Upcaster): UpcasterRegistry;
  get(type: string, fromVersion: number): Upcaster | undefined;
}

export function createUpcasterRegistry(currentVersion: number = CURRENT_SCHEMA_VERSION): UpcasterRegistry {
  const steps = new Map<string, Upcaster>();
  const key = (type: string, fromVersion: number): string => `${type}@${fromVersion}`;
  const registry: UpcasterRegistry = {
    currentVersion,
    register(type, fromVersion, upcaster) {
      if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion >= currentVersion) {
        throw new RangeError(`upcaster ${type} v${fromVersion}: fromVersion must be 1..${currentVersion - 1}`);
      }
      if (steps.has(key(type, fromVersion))) throw new Error(`upcaster ${type} v${fromVersion} already registered`);
      steps.set(key(type, fromVersion), upcaster);
      return registry;
    },
    get: (type, fromVersion) => steps.get(key(type, fromVersion)),
  };
  return registry;
}

/** v1 is the current version: nothing to upcast yet. */
export const defaultUpcasters: UpcasterRegistry = createUpcasterRegistry();

/**
 * Lifts `raw` to the registry's current version. A type with no upcaster for a step did not change
 * in that version and only has its schemaVersion raised. An event newer than the reader is an error
 * (it must not be read as if it were older).
 */
export function upcast(raw: RawEvent, registry: UpcasterRegistry = defaultUpcasters): RawEvent {
  const from = raw.schemaVersion;
  if (!Number.isInteger(from) || from < 1) throw new RangeError(`invalid schemaVersion on a ${raw.type} event`);
  if (from > registry.currentVersion) {
    throw new RangeError(`${raw.type} event has schemaVersion ${from}; this reader knows up to ${registry.currentVersion}`);
  }
  let event = raw;
  for (let version = from; version < registry.currentVersion; version++) {
    const step = registry.get(event.type, version);
    const lifted = step ? step(event) : event;
    event = { ...lifted, type: event.type, schemaVersion: version + 1 } as RawEvent;
  }
  return event;
}

/**
 * `upcast` on an event's stored data (the JSON object the store keeps): what every reader of the
 * event store applies before it reads an event, the projector and the audit's case history alike.
 */
export function upcastData(data: Record<string, unknown>, registry: UpcasterRegistry = defaultUpcasters): Record<string, unknown> {
  return upcast(data as unknown as RawEvent, registry) as unknown as Record<string, unknown>;
}
