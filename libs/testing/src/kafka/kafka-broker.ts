/**
 * Test helper for the local single-node Kafka broker managed by scripts/kafka/{start,stop}.sh
 * (Apache Kafka 4.x, KRaft combined mode on 127.0.0.1, no Docker).
 *
 *   TRM_KAFKA_BROKERS  comma-separated bootstrap list; default `127.0.0.1:${KAFKA_PORT ?? 9092}`.
 *   KAFKA_PORT / KAFKA_HOME_DIR are passed through to the scripts (see scripts/kafka/common.sh).
 *
 * The broker is started with `setsid`, so it outlives the test process; stop it with
 * stopKafkaBroker() or `npm run kafka:stop`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import * as path from 'node:path';

const DEFAULT_PORT = 9092;
/** Cold start may download ~45 jars from Maven Central before the broker's own 90 s wait. */
const SCRIPT_TIMEOUT_MS = 10 * 60_000;

/** Bootstrap broker list as one string ("host:port[,host:port...]"). */
export function kafkaBrokers(): string {
  const fromEnv = process.env.TRM_KAFKA_BROKERS?.trim();
  if (fromEnv) return fromEnv;
  return `127.0.0.1:${process.env.KAFKA_PORT?.trim() || DEFAULT_PORT}`;
}

/** The same list split for kafkajs' `brokers` option. */
export function kafkaBrokerList(): string[] {
  return kafkaBrokers()
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

function firstBroker(): { host: string; port: number } {
  const first = kafkaBrokerList()[0] ?? `127.0.0.1:${DEFAULT_PORT}`;
  const i = first.lastIndexOf(':');
  const host = (i > 0 ? first.slice(0, i) : first).replace(/^\[|\]$/g, '');
  const port = i > 0 ? Number(first.slice(i + 1)) : DEFAULT_PORT;
  return { host, port: Number.isFinite(port) && port > 0 ? port : DEFAULT_PORT };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * True when a Kafka broker answers an ApiVersions (v0) request on the first bootstrap broker —
 * a TCP connect alone is not enough (the port opens before request handling starts).
 */
export function isKafkaReachable(timeoutMs = 2_000): Promise<boolean> {
  const { host, port } = firstBroker();
  return new Promise<boolean>((resolve) => {
    const socket = new Socket();
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 10) return;
      // size:int32, correlationId:int32, errorCode:int16
      finish(buf.readInt32BE(4) === 0x7e57 && buf.readInt16BE(8) === 0);
    });
    socket.connect(port, host, () => {
      const clientId = Buffer.from('trm-probe');
      const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
      body.writeInt16BE(18, 0); // ApiVersions
      body.writeInt16BE(0, 2); // v0 (every broker accepts it, and answers v0 on error)
      body.writeInt32BE(0x7e57, 4); // correlation id
      body.writeInt16BE(clientId.length, 8);
      clientId.copy(body, 10);
      const size = Buffer.alloc(4);
      size.writeInt32BE(body.length, 0);
      socket.write(Buffer.concat([size, body]));
    });
  });
}

/** Repository root: the nearest ancestor of this file holding scripts/kafka/start.sh. */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'scripts', 'kafka', 'start.sh'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`scripts/kafka/start.sh not found above ${__dirname}`);
    dir = parent;
  }
}

function runScript(name: 'start.sh' | 'stop.sh', args: string[] = []): Promise<string> {
  const script = path.join(repoRoot(), 'scripts', 'kafka', name);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const { host, port } = firstBroker();
  if (!env.KAFKA_PORT && isLoopback(host)) env.KAFKA_PORT = String(port);
  return new Promise<string>((resolve, reject) => {
    execFile(
      'bash',
      [script, ...args],
      { env, timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${name} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`.trim()));
        } else {
          resolve(`${stdout}${stderr}`);
        }
      },
    );
  });
}

/** Starts the local broker (idempotent: returns once it answers, starting it if needed). */
export async function startKafkaBroker(): Promise<void> {
  const { host } = firstBroker();
  if (!isLoopback(host)) {
    throw new Error(`TRM_KAFKA_BROKERS=${kafkaBrokers()} is not local: cannot start it from here`);
  }
  await runScript('start.sh');
  if (!(await isKafkaReachable(5_000))) {
    throw new Error(`start.sh finished but no broker answers on ${kafkaBrokers()}`);
  }
}

/** Stops the local broker (SIGTERM, then SIGKILL after 30 s); a no-op when it is not running. */
export async function stopKafkaBroker(opts: { wipe?: boolean } = {}): Promise<void> {
  await runScript('stop.sh', opts.wipe ? ['--wipe'] : []);
}

/** Makes sure a broker answers on kafkaBrokers(), starting the local one if none does. */
export async function ensureKafkaBroker(): Promise<void> {
  if (await isKafkaReachable()) return;
  await startKafkaBroker();
}
