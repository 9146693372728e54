import { EventEmitter } from 'node:events';
import {
  ANY, BACKWARDS, END, NO_STREAM, START, STREAM_EXISTS, StreamNotFoundError, UnknownError, WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent, AppendResult, AppendStreamState, EventData, Position, ReadAllOptions, ReadStreamOptions,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../src/adapters/kurrentdb/kurrentdb-mapping';

interface Rec {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

/**
 * An in-memory double of the KurrentDB client, modelled on the server's documented behaviour:
 * revisions from 0, expected-state checks raising the client's WrongExpectedVersionError,
 * non-dense commit positions (byte offsets), a read from a position inside a record refused as
 * "invalid position", prefix filters on stream names, system records interleaved in `$all`.
 * It checks the adapter's logic, not KurrentDB: the int spec does that against a real server.
 */
export class FakeKurrentDb {
  private readonly log: Rec[] = [];
  private readonly streams = new Map<string, Rec[]>();
  private nextPosition = 4096n;
  private readonly subscriptions = new Set<EventEmitter>();
  /** Called before each append is applied: a test can race or fail it. */
  beforeAppend?: (streamName: string) => Promise<void> | void;
  appends = 0;
  /** The streamState of the last append to each stream. */
  readonly streamStates = new Map<string, AppendStreamState>();

  asClient(): KurrentClient {
    return this as unknown as KurrentClient;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}): Promise<AppendResult> {
    const list = Array.isArray(events) ? events : [events];
    const state = options.streamState ?? ANY;
    await this.beforeAppend?.(streamName);
    this.appends += 1;
    this.streamStates.set(streamName, state);
    const existing = this.streams.get(streamName) ?? [];
    const current = existing.length - 1;
    const ok = state === ANY || (state === NO_STREAM && current === -1) || (state === STREAM_EXISTS && current >= 0)
      || (typeof state === 'bigint' && state === BigInt(current));
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected: state, current: current < 0 ? NO_STREAM : BigInt(current) });
    }
    if (this.appends % 3 === 0) this.record('$stats-fake', { type: '$statsCollected', data: {}, metadata: undefined, id: crypto.randomUUID() });
    let last: Rec | undefined;
    for (const e of list) last = this.record(streamName, { type: e.type, data: e.data, metadata: e.metadata, id: e.id });
    return { success: true, nextExpectedRevision: BigInt((this.streams.get(streamName)?.length ?? 0) - 1), position: last && { ...last.position } };
  }

  private record(streamName: string, e: { type: string; data: unknown; metadata: unknown; id: string }): Rec {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
    const rec: Rec = {
      streamId: streamName, id: e.id, revision: BigInt(stream.length), type: e.type, data: json(e.data), metadata: json(e.metadata),
      isJson: true, created: new Date(), position: { commit: this.nextPosition, prepare: this.nextPosition },
    };
    this.nextPosition += BigInt(100 + JSON.stringify(e.data ?? null).length);
    stream.push(rec);
    this.log.push(rec);
    for (const sub of this.subscriptions) {
      if (matches((sub as EventEmitter & { filter?: ReadAllOptions['filter'] }).filter, streamName)) sub.emit('data', { event: { ...rec } });
    }
    return rec;
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<{ event: Rec }> {
    const stream = this.streams.get(streamName);
    const backwards = options.direction === BACKWARDS;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return (async function* () {
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const from = options.fromRevision === undefined || options.fromRevision === START ? (backwards ? Infinity : 0)
        : options.fromRevision === END ? (backwards ? Infinity : stream.length) : Number(options.fromRevision);
      const picked = backwards ? stream.filter((r) => Number(r.revision) <= from).reverse() : stream.filter((r) => Number(r.revision) >= from);
      for (const r of picked.slice(0, max)) yield { event: { ...r } };
    })();
  }

  readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
    const backwards = options.direction === BACKWARDS;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition ?? (backwards ? END : START);
    const log = this.log;
    const end = this.nextPosition;
    return (async function* () {
      if (typeof from === 'object' && from.commit !== end && !log.some((r) => r.position.commit === from.commit)) {
        throw new UnknownError(undefined, 'Trying to read from an invalid position.');
      }
      const at = (r: Rec) => r.position.commit;
      const picked = from === START ? [...log] : from === END ? (backwards ? [...log] : [])
        : backwards ? log.filter((r) => at(r) < from.commit) : log.filter((r) => at(r) >= from.commit);
      if (backwards) picked.reverse();
      let n = 0;
      for (const r of picked) {
        if (n >= max) return;
        if (!matches(options.filter, r.streamId)) continue;
        n += 1;
        yield { event: { ...r } } as unknown as AllStreamResolvedEvent;
      }
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventEmitter & { unsubscribe(): Promise<void> } {
    if (options.fromPosition !== END) throw new Error('the double only subscribes from END');
    const sub = Object.assign(new EventEmitter(), {
      filter: options.filter,
      unsubscribe: async () => void this.subscriptions.delete(sub),
    });
    this.subscriptions.add(sub);
    setImmediate(() => sub.emit('confirmation'));
    return sub;
  }

  /** Streams whose name starts with `prefix` (test inspection). */
  streamNames(prefix: string): string[] {
    return [...this.streams.keys()].filter((s) => s.startsWith(prefix));
  }

  async dispose(): Promise<void> {
    this.subscriptions.clear();
  }
}

function matches(filter: ReadAllOptions['filter'], streamName: string): boolean {
  if (!filter) return true;
  if ('prefixes' in filter) return filter.prefixes.some((p) => streamName.startsWith(p));
  return new RegExp(filter.regex).test(streamName);
}
