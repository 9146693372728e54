import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendResult, EventStore, RecordedEvent, StoredEventRef, StreamAppend,
} from '../../event-store.port';
import { EventIdConflictError } from '../../errors';
import { chainHash, GENESIS_HASH, globalChainHash } from '../../hashing';
import { eventKey, streamKey } from './keys';
import { SQLITE_COLUMNS, SQLITE_SCHEMA } from './sqlite-schema';
import { WalCheckpointer } from './wal-checkpointer';
import { checkExpected, LIGHT_COLUMNS, rawToRecordedLight, rowToRecorded, type EventRow } from './sqlite-rows';

const LOOKUP_CHUNK = 256;
const GENESIS_BYTES = Buffer.from(GENESIS_HASH, 'hex');

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** FULL (default) fsyncs the WAL at every commit: an acknowledged event survives power loss too. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Page cache; the default keeps both random-key indexes of a few million events in memory. */
  cacheMiB?: number;
  /**
   * 'background' (default for a file): no checkpoint in a commit, PASSIVE checkpoints on a thread
   * of their own (wal-checkpointer.ts). 'sqlite': SQLite's automatic checkpoint in the commit that
   * crosses 1000 WAL pages (a read-only connection such as the projector's never commits anyway).
   */
  walCheckpoints?: 'background' | 'sqlite';
}

/** Embedded event store on one SQLite file (WAL). One writer per file: this process. */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private lastPosition = 0;
  private lastGlobalHash = GENESIS_HASH;
  private readonly stmts;
  private readonly checkpointer?: WalCheckpointer;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma(`cache_size = -${(options.cacheMiB ?? 256) * 1024}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_SCHEMA);
    if (options.path !== ':memory:' && (options.walCheckpoints ?? 'background') === 'background') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`); // a reset WAL is truncated to this
      this.checkpointer = new WalCheckpointer({
        path: options.path,
        synchronous: options.synchronous ?? 'FULL',
        onFailure: () => {
          if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
        },
      });
    }
    this.appended.setMaxListeners(0);
    this.stmts = {
      byEventKeys: this.db.prepare(
        `SELECT event_id, stream_id, position, revision, content_hash FROM events WHERE event_key IN (${Array(LOOKUP_CHUNK).fill('?').join(',')})`,
      ),
      streamHead: this.db.prepare(
        'SELECT revision, hash FROM events WHERE stream_key = ? AND stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      readStream: this.db.prepare(
        `SELECT ${SQLITE_COLUMNS} FROM events WHERE stream_key = ? AND stream_id = ? ORDER BY revision`,
      ),
      readStreamLight: this.db.prepare(
        `SELECT ${LIGHT_COLUMNS} FROM events WHERE stream_key = ? AND stream_id = ? ORDER BY revision`,
      ).raw(true),
      readAll: this.db.prepare(`SELECT ${SQLITE_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      readAllLight: this.db.prepare(`SELECT ${LIGHT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      head: this.db.prepare('SELECT position, global_hash FROM events ORDER BY position DESC LIMIT 1'),
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      insert: this.db.prepare(
        `INSERT INTO events (position, stream_id, stream_key, revision, event_id, event_key, type, data, recorded_at,
           submission_id, key_id, channel, content_hash, prev_hash, hash, global_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    const head = this.stmts.head.get() as { position: number; global_hash: Buffer } | undefined;
    if (head) {
      this.lastPosition = head.position;
      this.lastGlobalHash = head.global_hash.toString('hex');
    }
  }

  /** The raw connection, for the audit verifier and tests that tamper with the file. */
  get database(): Database.Database {
    return this.db;
  }

  async append(batch: StreamAppend[]): Promise<AppendResult[]> {
    return this.appendSync(batch);
  }

  /**
   * Stored events by id (lower-cased, unique), looked up through the integer key in chunks (one
   * prepared statement per LOOKUP_CHUNK ids, the last chunk padded). `keys` receives each id's key.
   */
  private lookup(ids: readonly string[], keys?: Map<string, number>): Map<string, StoredEventRef> {
    const found = new Map<string, StoredEventRef>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const chunk = ids.slice(i, i + LOOKUP_CHUNK);
      const wanted = new Set(chunk);
      const params = chunk.map((id) => {
        const k = eventKey(id);
        keys?.set(id, k);
        return k;
      });
      while (params.length < LOOKUP_CHUNK) params.push(-1);
      const rows = this.stmts.byEventKeys.all(...params) as {
        event_id: string; stream_id: string; position: number; revision: number; content_hash: Buffer;
      }[];
      for (const row of rows) {
        if (!wanted.has(row.event_id)) continue;
        found.set(row.event_id, {
          eventId: row.event_id, streamId: row.stream_id, position: row.position, revision: row.revision,
          contentHash: row.content_hash.toString('hex'),
        });
      }
    }
    return found;
  }

  /**
   * The ingest pipeline looks its ids up (findByEventIds) right before it appends them: the ids
   * found absent then, with their keys, are kept so that the append need not look them up again —
   * valid only while nothing has been committed since, by this connection (its head) or any other
   * (SQLite's data_version), which the append checks inside its write transaction.
   */
  private absent?: { position: number; version: number; keys: Map<string, number> };

  private readonly appendSync = (batch: StreamAppend[]): AppendResult[] => {
    let position = this.lastPosition;
    let globalHash = this.lastGlobalHash;
    const absent = this.absent;
    this.absent = undefined;
    const run = this.db.transaction(() => {
      const known = absent && absent.position === this.lastPosition && absent.version === this.stmts.dataVersion.get()
        ? absent.keys : undefined;
      const keys = new Map<string, number>();
      const unknown: string[] = [];
      for (const b of batch) {
        for (const e of b.events) {
          const id = e.eventId.toLowerCase();
          const k = known?.get(id);
          if (k === undefined) unknown.push(id);
          else keys.set(id, k);
        }
      }
      const stored = this.lookup([...new Set(unknown)], keys);
      const inBatch = new Map<string, string>();
      return batch.map(({ streamId, expected, events }): AppendResult => {
        const sKey = streamKey(streamId);
        const head = this.stmts.streamHead.get(sKey, streamId) as { revision: number; hash: Buffer } | undefined;
        let revision = head ? head.revision : -1;
        let prevHash = head ? head.hash.toString('hex') : GENESIS_HASH;
        let prevBytes = head ? head.hash : GENESIS_BYTES;
        const fresh = events.map((e) => {
          const id = e.eventId.toLowerCase();
          const earlier = stored.get(id);
          const seen = inBatch.get(id);
          if ((earlier && earlier.contentHash !== e.contentHash) || (seen && seen !== e.contentHash)) {
            throw new EventIdConflictError(e.eventId);
          }
          inBatch.set(id, e.contentHash);
          return earlier || seen ? undefined : e;
        });
        if (fresh.some((e) => e)) checkExpected(streamId, expected, revision);
        const positions = fresh.map((e) => {
          if (!e) return undefined;
          revision += 1;
          position += 1;
          const id = e.eventId.toLowerCase();
          // Hex digests (the next link's text needs them) decoded once each into pooled Buffers, the
          // previous link's reused: measured faster than digests as fresh Buffers (npm run bench -- --hashing).
          const hash = chainHash(prevHash, { streamId, revision, eventId: id, type: e.type, contentHash: e.contentHash, metadata: e.metadata });
          const hashBytes = Buffer.from(hash, 'hex');
          globalHash = globalChainHash(globalHash, position, hash);
          const m = e.metadata;
          this.stmts.insert.run(
            position, streamId, sKey, revision, id, keys.get(id) ?? eventKey(id), e.type,
            e.dataJson ?? JSON.stringify(e.data), m.recordedAt, m.submissionId, m.keyId, m.channel,
            Buffer.from(e.contentHash, 'hex'), prevBytes, hashBytes, Buffer.from(globalHash, 'hex'),
          );
          prevHash = hash;
          prevBytes = hashBytes;
          return position;
        });
        return { streamId, revision, positions };
      });
    });
    const results = run.immediate();
    if (position > this.lastPosition) {
      this.lastPosition = position;
      this.lastGlobalHash = globalHash;
      this.appended.emit('appended', position);
    }
    return results;
  };

  async findByEventIds(eventIds: readonly string[]): Promise<Map<string, StoredEventRef>> {
    const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))];
    const keys = new Map<string, number>();
    const version = this.stmts.dataVersion.get() as number;
    const found = this.lookup(ids, keys);
    for (const id of found.keys()) keys.delete(id);
    this.absent = { position: this.lastPosition, version, keys };
    return found;
  }

  async streamRevision(streamId: string): Promise<number> {
    const head = this.stmts.streamHead.get(streamKey(streamId), streamId) as { revision: number } | undefined;
    return head ? head.revision : -1;
  }

  async readStream(streamId: string, options: { hashes?: boolean } = {}): Promise<RecordedEvent[]> {
    if (options.hashes === false) return rawToRecordedLight(this.stmts.readStreamLight.all(streamKey(streamId), streamId) as unknown[][]);
    return (this.stmts.readStream.all(streamKey(streamId), streamId) as EventRow[]).map(rowToRecorded);
  }

  async readAll(afterPosition: number, maxCount: number, options: { hashes?: boolean } = {}): Promise<RecordedEvent[]> {
    if (options.hashes === false) return rawToRecordedLight(this.stmts.readAllLight.all(afterPosition, maxCount) as unknown[][]);
    return (this.stmts.readAll.all(afterPosition, maxCount) as EventRow[]).map(rowToRecorded);
  }

  async headPosition(): Promise<number> {
    return this.lastPosition;
  }

  waitForAppend(afterPosition: number, timeoutMs: number): Promise<void> {
    if (this.lastPosition > afterPosition) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.on('appended', done);
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }
}
