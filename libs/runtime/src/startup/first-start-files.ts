import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TrmConfig } from '@trm/config';
import type { EventStore } from '@trm/event-store';

/**
 * The secrets a first start generates into the data directory: the demo keys (whose secrets are
 * printed once, after a successful start) and the pseudonymisation secret. If the start fails
 * before listening, whatever it generated is removed again, so the next start generates (and
 * prints) fresh ones instead of locking the newcomer out of keys nobody ever saw.
 */
export class FirstStartFiles {
  private constructor(private readonly created: string[]) {}

  /** Notes which generated files do not exist yet (call before the runtime is created). */
  static before(config: TrmConfig): FirstStartFiles {
    const candidates = [
      ...(config.keysFile ? [] : [join(config.dataDir, 'keys.json')]),
      ...(config.pseudonymSecret ? [] : [join(config.dataDir, 'pseudonym.secret')]),
    ];
    return new FirstStartFiles(candidates.filter((p) => !existsSync(p)));
  }

  /**
   * Removes the files this start created. The pseudonymisation secret stays once any event was
   * stored with it (the Kafka channel may have consumed some before the failure): case ids must
   * not change under stored events.
   */
  async undo(store?: EventStore): Promise<string[]> {
    const stored = store ? await store.headPosition().catch(() => 1) : 0;
    const removable = this.created.filter((p) => existsSync(p) && (stored === 0 || !p.endsWith('pseudonym.secret')));
    for (const p of removable) rmSync(p, { force: true });
    return removable;
  }
}
