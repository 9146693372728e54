import { Worker } from 'node:worker_threads';
import type { TrmConfig } from '@trm/config';
import { ProjectionError } from '@trm/projections';
import type { BatchSource, CandidateCase, ProjectedBatch } from '@trm/projections';

export interface WorkerBatchSourceOptions {
  /**
   * The worker's young generation. V8's default (16 MB semi-spaces, so ~48 MB) is scavenged every
   * few hundred events of a transform, and what a batch still holds is copied, then promoted:
   * GC was 25–33 % of the worker (issue 18). 64 MB: the best of 0/64/128 in `npm run bench --
   * --events 100000 --transform-ab` (by ~10 %, within the noise of a shared machine), and each MB
   * here is RSS. 0: V8's default.
   */
  youngGenerationMb?: number;
  /** Events transformed at a time inside one batch (the rows are joined): 10k as issue 18's profile suggested (neutral at 100k events here). */
  chunkEvents?: number;
  /** The worker thread's nice value (0: unchanged). */
  nice?: number;
}

/**
 * Runs the projector's read-and-transform step in a worker thread, one batch ahead: while the
 * main thread inserts batch n into the warehouse, the worker prepares batch n + 1.
 */
export class WorkerBatchSource implements BatchSource {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  /** Settles when the thread has ended (also when it ended on its own, having failed). */
  private readonly exited: Promise<unknown>;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (b: ProjectedBatch | undefined) => void; reject: (e: Error) => void }>();
  private prefetch?: { after: number; max: number; skipped: number; result: Promise<ProjectedBatch | undefined> };

  constructor(config: TrmConfig, options: WorkerBatchSourceOptions = {}) {
    this.worker = new Worker(require.resolve('./projector.worker'), {
      workerData: { config, chunk: options.chunkEvents ?? 10_000, nice: options.nice ?? config.projectorNice },
      execArgv: process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
      ...(options.youngGenerationMb === 0 ? {} : { resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? 64 } }),
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (m: { ready?: boolean; id?: number; batch?: ProjectedBatch; error?: string; position?: number; code?: string }) => {
        if (m.ready) return resolve();
        const p = this.pending.get(m.id!);
        if (!p) return;
        this.pending.delete(m.id!);
        if (m.error) p.reject(m.position !== undefined && m.code ? new ProjectionError(m.position, m.code, m.error) : new Error(m.error));
        else p.resolve(m.batch);
      });
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  private request(after: number, max: number, skip: ReadonlySet<number>): Promise<ProjectedBatch | undefined> {
    return this.send({ after, max, skip: [...skip] });
  }

  private send(message: object): Promise<ProjectedBatch | undefined> {
    return this.ready.then(() => new Promise((resolve, reject) => {
      const id = ++this.seq;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    }));
  }

  async refold(position: number, candidates: readonly CandidateCase[]): Promise<ProjectedBatch> {
    this.prefetch = undefined; // made before the publication was projected
    const batch = await this.send({ refold: { position, candidates } });
    if (!batch) throw new Error(`no catalogue publication at position ${position}`);
    return batch;
  }

  async next(afterPosition: number, maxCount: number, skip: ReadonlySet<number> = new Set()): Promise<ProjectedBatch | undefined> {
    const ahead = this.prefetch;
    this.prefetch = undefined;
    // The quarantine only grows: a prefetch asked with as many skipped positions is still right.
    const batch = ahead && ahead.after === afterPosition && ahead.max === maxCount && ahead.skipped === skip.size
      ? await ahead.result
      : await this.request(afterPosition, maxCount, skip);
    if (batch && batch.count === maxCount) {
      // A full batch: there is probably more; prepare it while this one is inserted.
      const result = this.request(batch.lastPosition, maxCount, skip);
      result.catch(() => undefined);
      this.prefetch = { after: batch.lastPosition, max: maxCount, skipped: skip.size, result };
    }
    return batch;
  }

  async close(): Promise<void> {
    this.worker.postMessage('close');
    await this.exited;
  }
}
