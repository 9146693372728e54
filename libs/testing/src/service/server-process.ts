import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  log(): string;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The embedded server as a separate OS process (so it can be SIGKILLed, and measured alone). */
export async function startServerProcess(env: Record<string, string>, port: number, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(process.env.TRM_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '-r', '@swc-node/register', '--max-old-space-size=4096', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TRM_DEMO: '0', TRM_LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`server exited: ${log}`);
    try {
      // Listening: /health answers (503 while the projector is still loading a backlog).
      const status = (await fetch(`${url}/health`)).status;
      if (status === 200 || status === 503) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    log: () => log,
    peakRss: () => {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    },
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((r) => {
        if (exited()) return r();
        child.once('exit', () => r());
        child.kill(signal);
      }),
  };
}

export interface ExitedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs one of the repository's entry points (a server that should refuse to start, the CLI) to its exit. */
export function runToExit(entry: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<ExitedProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: ROOT, env: { ...process.env, TRM_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${entry} still running after ${timeoutMs} ms:\n${stdout}${stderr}`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - started }); });
  });
}
