// The projector's read-and-transform half, on its own thread: reading the event store and
// writing the rows (RowBinary) is CPU work that would otherwise compete with ingest on the main
// thread. The main thread only hands the payloads (moved, not copied) to the warehouse, whose insert
// runs natively.
import { parentPort, workerData } from 'node:worker_threads';
import type { TrmConfig } from '@trm/config';
import { InThreadBatchSource, READ_MODEL_TABLES } from '@trm/projections';
import type { CandidateCase, ProjectedBatch } from '@trm/projections';
import { createEventStore } from './runtime';
import { startMemoryLog } from './memory-log';
import { pseudonymSecret } from './secrets';
import { storedEventUpcast } from './stored-event-upcast';
import { lowerThisThreadPriority } from './thread-priority';

interface Request {
  id: number;
  after: number;
  max: number;
  /** Quarantined positions (usually none). */
  skip: number[];
  /** Instead: project the catalogue publication at `position`, folding the candidates again. */
  refold?: { position: number; candidates: CandidateCase[] };
}

async function main(): Promise<void> {
  if (workerData.nice > 0) lowerThisThreadPriority(workerData.nice as number);
  const store = await createEventStore(workerData.config as TrmConfig, 'reader');
  const config = workerData.config as TrmConfig;
  startMemoryLog(config.memoryLogMs ?? 0);
  const source = new InThreadBatchSource(store, storedEventUpcast(config), config.projectorCaseCache, pseudonymSecret(config.dataDir, config.pseudonymSecret));
  parentPort!.on('message', (msg: Request | 'close') => void handle(msg));
  async function handle(msg: Request | 'close'): Promise<void> {
    if (msg === 'close') {
      await store.close();
      process.exit(0);
    }
    try {
      const batch = msg.refold
        ? await source.refold(msg.refold.position, msg.refold.candidates)
        : await chunked(msg.after, msg.max, new Set(msg.skip));
      // Each table's rows are bytes in an ArrayBuffer of their own, moved to the main thread
      // rather than copied: the main thread (which also serves ingest) hands them to the warehouse
      // as they are.
      const moved = batch ? READ_MODEL_TABLES.map((t) => batch.tables[t].buffer as ArrayBuffer) : [];
      parentPort!.postMessage({ id: msg.id, batch }, moved);
    } catch (err) {
      // A ProjectionError crosses the thread as its fields (position, code), so it can be quarantined.
      const e = err as Error & { position?: number; code?: string };
      parentPort!.postMessage({ id: msg.id, error: e.message, position: e.position, code: e.code });
    }
  }
  /**
   * The batch asked for, transformed `chunk` events at a time and joined: a chunk's short-lived
   * objects then die young (scavenged) instead of surviving into the old generation.
   */
  async function chunked(after: number, max: number, skip: ReadonlySet<number>): Promise<ProjectedBatch | undefined> {
    const chunk = (workerData.chunk as number | undefined) ?? max;
    const parts: ProjectedBatch[] = [];
    let through = after;
    let count = 0;
    while (count < max) {
      const part = await source.next(through, Math.min(chunk, max - count), skip);
      if (!part) break;
      // A catalogue publication is projected alone (the runner asks for its refold).
      if (part.publication) {
        if (parts.length === 0) return part;
        break;
      }
      parts.push(part);
      count += part.count;
      through = part.lastPosition;
      if (part.count < Math.min(chunk, max - count + part.count)) break; // the end of the store
    }
    if (parts.length <= 1) return parts[0];
    const last = parts[parts.length - 1];
    const tables = Object.fromEntries(READ_MODEL_TABLES.map((t) => {
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.tables[t].byteLength, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p.tables[t], at);
        at += p.tables[t].byteLength;
      }
      return [t, joined];
    })) as ProjectedBatch['tables'];
    return { tables, format: last.format, count, lastPosition: last.lastPosition, lastRecordedAt: last.lastRecordedAt, viewRows: parts.reduce((n, p) => n + p.viewRows, 0) };
  }
  parentPort!.postMessage({ ready: true });
}

void main();
