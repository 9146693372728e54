import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data directory holds case histories of trafficked persons, the pseudonym secret and the key
 * hashes: readable by this service's user alone. New files are created 0600 and directories 0700
 * (the process umask, which chDB's and SQLite's files follow too); what an earlier version left
 * readable to others is tightened once at start.
 */
export function secureDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir);
}

function tighten(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if ((st.mode & 0o077) !== 0) chmodSync(path, st.isDirectory() ? 0o700 : 0o600);
  if (st.isDirectory()) for (const name of readdirSync(path)) tighten(join(path, name));
}
