import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread only, on Linux,
 * where a thread has its own id (`/proc/thread-self` → `<pid>/task/<tid>`) and `setpriority` on it
 * touches that thread alone. Used by background threads (the projector's worker): when the two
 * cores are busy, ingest acknowledges and queries answer first, and the background work catches
 * up in the time left. Elsewhere, or if the system refuses, nothing changes (returns false).
 */
export function lowerThisThreadPriority(nice: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
