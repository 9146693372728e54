import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '@trm/config';

/**
 * chDB lets one process open a data directory; a second one fails deep in the engine with a lock
 * error (and the engine prints its own line first). The engine writes its owner's pid into
 * `warehouse/status` and holds it open while it runs; if that process still does, say so before
 * touching anything.
 */
export function assertDataDirFree(dataDir: string): void {
  const status = join(dataDir, 'warehouse', 'status');
  const owner = warehouseOwner(status);
  if (owner !== undefined && owner !== process.pid && holds(owner, status)) throw dataDirInUse(dataDir, owner);
}

/** The message for a data directory in use, also used when the engine's lock refuses us first. */
export function dataDirInUse(dataDir: string, pid?: number): StartupError {
  return new StartupError(
    `TRM_DATA_DIR=${dataDir}: another TRM Monitor process${pid ? ` (pid ${pid})` : ''} is using this data directory ` +
    '(its embedded warehouse allows one process). Stop that process first, or set TRM_DATA_DIR to another directory. ' +
    '`npm run cli -- verify` and `export` read the event store and may run beside it.',
  );
}

function warehouseOwner(status: string): number | undefined {
  if (!existsSync(status)) return undefined;
  const m = /^PID:\s*(\d+)/m.exec(readFileSync(status, 'utf8'));
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether process `pid` is alive and has the status file open — the engine keeps it open (locked)
 * while it runs, so a pid left behind by a killed process and since reused by another program
 * does not count. Where that cannot be seen (no /proc, another user's process), alive is enough.
 */
function holds(pid: number, status: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const fds = `/proc/${pid}/fd`;
  if (!existsSync(`/proc/${pid}`)) return true;
  // The links name the file by its real path (the data directory may sit behind a symlink).
  const target = realpathSync(status);
  try {
    return readdirSync(fds).some((fd) => {
      try { return readlinkSync(join(fds, fd)) === target; } catch { return false; }
    });
  } catch {
    return true;
  }
}
