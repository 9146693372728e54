import { Worker } from 'node:worker_threads';
import type { BodyErrorCode } from '../parsing/body-parse.error';
import { BodyParseError, TooManyEventsError } from '../parsing/body-parse.error';
import type { BodyToPrepare } from './prepare-body';
import { fromWire } from './prepared-events';
import type { PreparedEvents, WirePreparedEvents } from './prepared-events';

/** A preparation thread's answer to one body. */
export type PreparationAnswer =
  | { id: number; events: WirePreparedEvents; bodySha256?: string }
  | { id: number; refused: { message: string; line?: number; offset?: number; code: BodyErrorCode } }
  | { id: number; tooMany: number }
  | { id: number; failed: string };

interface Pending {
  resolve: (r: { events: PreparedEvents; bodySha256?: string }) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
}

/** A preparation thread stopped (crashed, ran out of memory) while it held this request: nothing of it was acknowledged. */
export class PreparationThreadError extends Error {
  constructor(exitCode: number | string) {
    super(`the ingest preparation thread stopped (${exitCode}) while preparing this request; nothing of it was acknowledged`);
  }
}

/**
 * Threads that parse and prepare submitted bodies (issue 18): the main thread then does only
 * HTTP, decide-and-append and the answer, and prepares nothing while it appends, so request n + 1
 * is prepared while request n is appended. A body goes to the thread with the fewest bodies in
 * hand. A thread that stops fails the requests it held and is replaced at the next request.
 */
export class PreparationPool {
  private readonly threads: (Thread | undefined)[];
  private seq = 0;
  private closed = false;

  constructor(private readonly size: number, private readonly pseudonymSecret: string | Buffer) {
    this.threads = Array.from({ length: size }, () => this.spawn());
  }

  prepare(request: BodyToPrepare): Promise<{ events: PreparedEvents; bodySha256?: string }> {
    if (this.closed) return Promise.reject(new Error('the ingest preparation pool is closed'));
    let slot = 0;
    for (let i = 0; i < this.size; i++) {
      const t = this.threads[i];
      if (!t || t.dead) {
        this.threads[i] = this.spawn();
      }
      if (this.threads[i]!.pending.size < this.threads[slot]!.pending.size) slot = i;
    }
    const thread = this.threads[slot]!;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      // Copied once (structured clone of the bytes): Fastify's Buffer may be a slice of a pooled ArrayBuffer.
      const body = new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength).slice();
      thread.worker.postMessage({ id, request: { ...request, body } }, [body.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.flatMap((t) => (t && !t.dead ? [t.worker.terminate()] : [])));
  }

  private spawn(): Thread {
    const file = require.resolve('./preparation.worker');
    // A TypeScript worker needs the loader the main thread has (npm start), or is given one (Jest).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--max-old-space-size'));
    if (file.endsWith('.ts') && !execArgv.some((a) => a.includes('swc-node'))) execArgv.push('-r', '@swc-node/register');
    // V8's default young generation: 64 MB (as the projector's worker has) measured 0–15 % less CPU
    // in this thread, within the noise of the shared machine, for ~110 MB more peak RSS (issue 18).
    const worker = new Worker(file, { workerData: { pseudonymSecret: this.pseudonymSecret }, execArgv });
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), dead: false };
    const fail = (why: number | string) => {
      thread.dead = true;
      const err = new PreparationThreadError(why);
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
    };
    worker.on('message', (m: PreparationAnswer) => {
      const p = thread.pending.get(m.id);
      if (!p) return;
      thread.pending.delete(m.id);
      if ('events' in m) p.resolve({ events: fromWire(m.events), bodySha256: m.bodySha256 });
      else if ('refused' in m) p.reject(new BodyParseError(m.refused.message, m.refused.line, m.refused.offset, m.refused.code));
      else if ('tooMany' in m) p.reject(new TooManyEventsError(m.tooMany));
      else p.reject(new Error(`event preparation failed (${m.failed}); nothing of this request was acknowledged`));
    });
    // An uncaught error is followed by 'exit'; only its name is kept (its message could quote input).
    worker.on('error', (err) => fail(`uncaught ${err?.name ?? 'error'}`));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return thread;
  }
}
