import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the commit path. With SQLite's automatic checkpoint, the commit that crosses
 * 1000 WAL pages copies them into the database file and fsyncs it before it returns: at bulk
 * ingest that was 17–23 % of the ingest thread (issue 18). The writer therefore runs with
 * `wal_autocheckpoint = 0` and this thread, on its own connection, runs PASSIVE checkpoints
 * (which never block the writer or readers) every `everyMs`. Durability is unchanged: a commit is
 * durable once its WAL frames are fsynced (`synchronous = FULL`); a checkpoint only moves them.
 *
 * The WAL is reset by the writer when a checkpoint has moved every frame and no reader still uses
 * them. Under a continuous load a reader usually does, so past `restartBytes` a RESTART
 * checkpoint (which waits for the readers and makes the next writer start the WAL anew) bounds it.
 *
 * The worker is evaluated from source (plain CommonJS, the driver's path passed in), so it runs
 * the same under `node -r @swc-node/register`, the built code and Jest.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 2000');
db.pragma('wal_autocheckpoint = 0');
const pageSize = db.pragma('page_size', { simple: true });
// A background thread: nice 10 on Linux (this thread only), so commits and queries come first.
try { require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), 10); } catch {}
let stopping = false;
function step() {
  if (stopping) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.log * pageSize > workerData.restartBytes) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    // SQLITE_BUSY or a closing database: the next step tries again.
  }
  timer = setTimeout(step, workerData.everyMs);
}
let timer = setTimeout(step, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  stopping = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface WalCheckpointerOptions {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  everyMs?: number;
  restartBytes?: number;
  /** Called once if the worker fails (the writer then goes back to automatic checkpoints). */
  onFailure: () => void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private closed?: Promise<void>;
  private exited = false;

  constructor(options: WalCheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        path: options.path,
        synchronous: options.synchronous,
        everyMs: options.everyMs ?? 200,
        restartBytes: options.restartBytes ?? 256 * 1024 * 1024,
      },
      // Keep the checkpointer's heap small: it only runs a pragma.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    this.worker.unref();
    this.worker.on('error', () => {
      if (!this.closed) options.onFailure();
    });
    this.worker.on('exit', () => {
      this.exited = true;
    });
  }

  /** Stops the checkpoints and closes the worker's connection (before the writer's own close checkpoints the rest). */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.once('exit', () => resolve());
      this.worker.once('message', () => void this.worker.terminate());
      this.worker.postMessage('close');
    });
    return this.closed;
  }
}
