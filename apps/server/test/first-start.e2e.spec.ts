import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToExit, startServerProcess } from '@trm/testing/service/server-process';
import type { ExitedProcess, ServerProcess } from '@trm/testing/service/server-process';
import { measure, ndjson, opened } from '@trm/testing/service/event-fixtures';

const SERVER = 'apps/server/src/main.ts';
const CLI = 'apps/cli/src/main.ts';
/** A line of a JavaScript stack trace: what a configuration problem must never print. */
const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
/** No broker, no demo data: each case starts only what it examines. */
const BASE = { TRM_DEMO: '0', TRM_KAFKA_BROKERS: '', TRM_KEYS_FILE: '', TRM_PSEUDONYM_SECRET: '' };

const randomPort = () => 30000 + Math.floor(Math.random() * 20000);

/** One clear message on stderr, exit code 1, no stack. */
function expectRefusal(run: ExitedProcess, says: RegExp): void {
  expect({ code: run.code, says: says.test(run.stderr) }).toEqual({ code: 1, says: true });
  expect(run.stderr + run.stdout).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toMatch(/DB::Exception|KafkaJS|RangeError/);
}

describe('a newcomer\'s first start, and the ways it can go wrong (real server processes)', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let busy: Server | undefined;

  beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), 'trm-first-start-')); });
  afterAll(async () => {
    await server?.stop();
    busy?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a busy PORT in one sentence and writes nothing into the data directory', async () => {
    const port = randomPort();
    busy = createServer();
    await new Promise<void>((r) => busy!.listen(port, '127.0.0.1', r));
    const run = await runToExit(SERVER, [], { ...BASE, TRM_DATA_DIR: dataDir, PORT: String(port) });
    expectRefusal(run, new RegExp(`PORT=${port}: 127\\.0\\.0\\.1:${port} is already in use`));
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('then starts on a free port and prints the demo keys\' secrets (the failed start kept nothing)', async () => {
    server = await startServerProcess({ ...BASE, TRM_DATA_DIR: dataDir }, randomPort());
    expect(server.log()).toContain(`demo API keys were created in ${join(dataDir, 'keys.json')}`);
    expect(server.log().match(/^ {4}\w+ +\S+ +trm_demo-[\w-]+$/gm)?.length).toBe(6);
    // The printed secrets are the keys: the submitter's is accepted.
    const submitter = /^ {4}submitter +\* +(trm_demo-\S+)$/m.exec(server.log())![1];
    const r = await fetch(`${server.url}/v1/events`, {
      method: 'POST', headers: { authorization: `Bearer ${submitter}`, 'content-type': 'application/x-ndjson' },
      body: ndjson([opened('BG-FIRST-1'), measure('BG-FIRST-1', 'SOP1.M1')]),
    });
    expect(await r.json()).toMatchObject({ accepted: 2 });
  });

  it('refuses a second process on the same data directory, naming the directory, without a chDB error', async () => {
    const run = await runToExit(SERVER, [], { ...BASE, TRM_DATA_DIR: dataDir, PORT: String(randomPort()) });
    expectRefusal(run, new RegExp(`TRM_DATA_DIR=${dataDir}: another TRM Monitor process \\(pid \\d+\\) is using this data directory`));
  });

  it('lets `cli verify` read the event store beside the running service, with whole progress lines when piped', async () => {
    const run = await runToExit(CLI, ['verify'], { ...BASE, TRM_DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, problems: [] });
    expect(run.stderr).toBe('checked 2 events\n');
  });

  it('looks a case up and exports it with --out, saying what it wrote', async () => {
    const lookup = await runToExit(CLI, ['lookup', 'BG', 'BG-FIRST-1'], { ...BASE, TRM_DATA_DIR: dataDir });
    const { caseId } = JSON.parse(lookup.stdout);
    const out = join(dataDir, 'case.json');
    const run = await runToExit(CLI, ['export', 'case', caseId, '--out', out], { ...BASE, TRM_DATA_DIR: dataDir });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: `wrote case ${caseId} (2 events) to ${out}\n` });
    expect(JSON.parse(readFileSync(out, 'utf8')).events).toHaveLength(2);
  });

  it('tells, at a later start, where the demo keys are and how to get new ones', async () => {
    await server!.stop();
    server = await startServerProcess({ ...BASE, TRM_DATA_DIR: dataDir }, randomPort());
    expect(server.log()).not.toMatch(/trm_demo-/);
    expect(server.log()).toContain(`Lost them? Stop the service, delete ${join(dataDir, 'keys.json')} and start again`);
  });

  it('refuses PORT=70000 as configuration, before creating anything', async () => {
    const fresh = join(dataDir, 'never-created');
    const run = await runToExit(SERVER, [], { ...BASE, TRM_DATA_DIR: fresh, PORT: '70000' });
    expectRefusal(run, /PORT must be an integer from 0 to 65535 \(got "70000"\)/);
    expect(existsSync(fresh)).toBe(false);
  });

  it('gives up on unreachable TRM_KAFKA_BROKERS within seconds, naming the variable, before creating anything', async () => {
    const fresh = join(dataDir, 'never-created');
    const run = await runToExit(SERVER, [], { ...BASE, TRM_DATA_DIR: fresh, PORT: String(randomPort()), TRM_KAFKA_BROKERS: '127.0.0.1:9' });
    expectRefusal(run, /TRM_KAFKA_BROKERS=127\.0\.0\.1:9: no Kafka broker answered/);
    expect(run.ms).toBeLessThan(30_000);
    expect(existsSync(fresh)).toBe(false);
  });
});
