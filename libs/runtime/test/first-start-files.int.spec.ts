import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@trm/config';
import { SqliteEventStore } from '@trm/event-store';
import { IngestPipeline } from '@trm/ingest';
import { FirstStartFiles } from '@trm/runtime';
import { opened } from '@trm/testing/service/event-fixtures';

/** What a failed start leaves behind (real files, a real SQLite event store). */
describe('a failed first start removes the secrets it generated', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'trm-first-files-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const generate = () => {
    writeFileSync(join(dir, 'keys.json'), '[]');
    writeFileSync(join(dir, 'pseudonym.secret'), 'x\n');
  };

  it('removes keys.json and pseudonym.secret when nothing was stored with them', async () => {
    const files = FirstStartFiles.before(loadConfig({ TRM_DATA_DIR: dir }));
    generate();
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    expect((await files.undo(store)).sort()).toEqual([join(dir, 'keys.json'), join(dir, 'pseudonym.secret')]);
    await store.close();
    expect([existsSync(join(dir, 'keys.json')), existsSync(join(dir, 'pseudonym.secret'))]).toEqual([false, false]);
  });

  it('keeps the pseudonym secret once an event was stored with it (case ids must not change), but not unseen keys', async () => {
    const files = FirstStartFiles.before(loadConfig({ TRM_DATA_DIR: dir }));
    generate();
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const { result } = await new IngestPipeline(store, { pseudonymSecret: 'x' }).submit([opened('BG-1')], {
      key: { id: 'k', role: 'submitter', countries: ['*'] }, channel: 'kafka', submissionId: 's', receivedAt: new Date(),
    });
    expect(result.accepted).toBe(1);
    expect(await files.undo(store)).toEqual([join(dir, 'keys.json')]);
    await store.close();
    expect(existsSync(join(dir, 'pseudonym.secret'))).toBe(true);
  });

  it('never touches files that existed before the start, or that the configuration provides', async () => {
    generate();
    const files = FirstStartFiles.before(loadConfig({ TRM_DATA_DIR: dir }));
    expect(await files.undo()).toEqual([]);
    rmSync(join(dir, 'keys.json'));
    const configured = FirstStartFiles.before(loadConfig({ TRM_DATA_DIR: dir, TRM_KEYS_FILE: join(dir, 'keys.json') }));
    writeFileSync(join(dir, 'keys.json'), '[]');
    expect(await configured.undo()).toEqual([]);
    expect(existsSync(join(dir, 'keys.json'))).toBe(true);
  });
});
