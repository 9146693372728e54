import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '@trm/config';

/**
 * chDB lets one process open a data directory; a second one fails deep in the engine with a lock
 * error (and the engine prints its own line first). The engine writes its owner's pid into
 * `warehouse/status`; if that process is still alive, say so before touching anything.
 */
export function assertDataDirFree(dataDir: string): void {
  const owner = warehouseOwner(dataDir);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw dataDirInUse(dataDir, owner);
}

/** The message for a data directory in use, also used when the engine's lock refuses us first. */
export function dataDirInUse(dataDir: string, pid?: number): StartupError {
  return new StartupError(
    `TRM_DATA_DIR=${dataDir}: another TRM Monitor process${pid ? ` (pid ${pid})` : ''} is using this data directory ` +
    '(its embedded warehouse allows one process). Stop that process first, or set TRM_DATA_DIR to another directory. ' +
    '`npm run cli -- verify` and `export` read the event store and may run beside it.',
  );
}

function warehouseOwner(dataDir: string): number | undefined {
  const status = join(dataDir, 'warehouse', 'status');
  if (!existsSync(status)) return undefined;
  const m = /^PID:\s*(\d+)/m.exec(readFileSync(status, 'utf8'));
  return m ? Number(m[1]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A pid left in the file by a process that died may have been reused by an unrelated program.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || /node/.test(readFileSync(cmdline, 'utf8'));
}
