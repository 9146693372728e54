import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// A real worker thread (loading the TypeScript source through @swc-node/register, as `npm start`
// does) lowers its own priority; the process's main thread keeps its own.
describe('lowerThisThreadPriority', () => {
  const linux = process.platform === 'linux';

  (linux ? it : it.skip)('raises the nice value of the calling thread only (Linux)', async () => {
    const before = getPriority(process.pid);
    const source = `
      require('@swc-node/register');
      const { parentPort } = require('node:worker_threads');
      const { getPriority } = require('node:os');
      const { lowerThisThreadPriority } = require(${JSON.stringify(join(__dirname, '../src/thread-priority.ts'))});
      const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
      const changed = lowerThisThreadPriority(${Math.min(before + 3, 19)});
      parentPort.postMessage({ changed, tid, nice: getPriority(tid) });
    `;
    const answer = await new Promise<{ changed: boolean; tid: number; nice: number }>((resolve, reject) => {
      const w = new Worker(source, { eval: true });
      w.once('message', (m) => { resolve(m); void w.terminate(); });
      w.once('error', reject);
    });
    expect(answer.changed).toBe(true);
    expect(answer.tid).not.toBe(process.pid);
    expect(answer.nice).toBe(Math.min(before + 3, 19));
    expect(getPriority(process.pid)).toBe(before);
  }, 60_000);
});
