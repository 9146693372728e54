import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from 'chdb';
import { RowBinarySpool } from '../src/adapters/chdb/chdb-binary-insert';

export interface StandinRequest {
  sql: string;
  params: Record<string, string>;
  settings: Record<string, string>;
}

export interface ChdbHttpStandin {
  url: string;
  requests: StandinRequest[];
  close(): Promise<void>;
}

const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'session_id', 'role']);
// The settings the stand-in applies per request (server defaults otherwise); the rest are only recorded.
const APPLIED: Record<string, string> = {
  output_format_json_quote_64bit_integers: '1',
  date_time_input_format: "'basic'",
  mutations_sync: '0',
};

/**
 * A stand-in for a ClickHouse server's HTTP interface, backed by chDB (the same engine): enough of
 * the protocol for the `@clickhouse/client` requests our adapter makes — SQL in the body or the
 * `query` parameter, `param_*` bound server-side, settings as URL parameters, errors as HTTP 500
 * with the exception text. It checks the adapter's wire format end to end; it is not a server
 * (no auth, no sessions, no compression), which is why the real conformance run needs CLICKHOUSE_URL.
 */
export async function startChdbHttpStandin(path: string): Promise<ChdbHttpStandin> {
  const session = new Session(path);
  const spool = new RowBinarySpool();
  const requests: StandinRequest[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (url: URL, body: Buffer) => {
    const params: Record<string, string> = {};
    const settings: Record<string, string> = {};
    for (const [k, v] of url.searchParams) {
      // A server reads a parameter with TSV escaping, then parses the text as the declared type;
      // chDB's binding TSV-escapes what it is given, so it gets the unescaped text.
      if (k.startsWith('param_')) params[k.slice(6)] = tsvUnescape(v);
      else if (!NOT_SETTINGS.has(k)) settings[k] = v;
    }
    const inUrl = url.searchParams.get('query');
    const sql = inUrl ?? body.toString('utf8');
    requests.push({ sql, params, settings });
    for (const [name, serverDefault] of Object.entries(APPLIED)) {
      const value = settings[name] === undefined ? serverDefault : /^\d+$/.test(settings[name]) ? settings[name] : `'${settings[name]}'`;
      await session.queryAsync(`SET ${name} = ${value}`, { format: 'TabSeparated' });
    }
    const binary = inUrl !== null && body.length > 0 ? /^INSERT INTO (.*) FORMAT (RowBinary|RowBinaryWithNamesAndTypes)\s*$/is.exec(inUrl) : null;
    if (binary) {
      // Binary data cannot follow the statement as text (chdb-binary-insert.ts): it is read from a file.
      await spool.insert(binary[1], binary[2] as 'RowBinary', [body], (sql) => session.queryAsync(sql, { format: 'TabSeparated' }));
      return '';
    }
    if (inUrl !== null && body.length > 0) {
      // An INSERT … FORMAT with its data in the body: clickhouse-local takes the data inline.
      await session.queryAsync(`${inUrl}\n${body.toString('utf8')}`, { format: 'TabSeparated' });
      return '';
    }
    const format = /\s+FORMAT\s+(\w+)\s*$/i.exec(sql);
    const statement = format ? sql.slice(0, format.index) : sql;
    const result = await session.queryBindAsync(statement, params, { format: format?.[1] ?? 'TabSeparated' });
    return result.text();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const job = queue.then(() => run(url, Buffer.concat(chunks)));
      queue = job.catch(() => undefined);
      job.then(
        (text) => res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' }).end(text),
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          const code = /Code: (\d+)/.exec(message)?.[1] ?? '1000';
          res.writeHead(500, { 'X-ClickHouse-Exception-Code': code }).end(message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      session.close();
      spool.close();
    },
  };
}

const TSV_UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0' };

function tsvUnescape(value: string): string {
  return value.replace(/\\(.)/gs, (_, c: string) => TSV_UNESCAPE[c] ?? c);
}
