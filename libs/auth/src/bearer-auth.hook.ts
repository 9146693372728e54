import type { KeyRing } from './keys';

interface HookRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  apiKey?: unknown;
}
interface HookReply {
  code(status: number): HookReply;
  header(name: string, value: string): HookReply;
  send(payload: unknown): unknown;
}

/** Paths that need no key: liveness and the dashboards' static assets (the pages sign in themselves). */
const OPEN = [/^\/health(\?|$)/, /^\/dashboards(\/|\?|$)/, /^\/$/];

/** The key named by an `Authorization: Bearer <key>` header, if any; `bearer`: the header had that form. */
export function bearerKey(keys: KeyRing, header: string | string[] | undefined): { key?: ReturnType<KeyRing['authenticate']>; bearer: boolean } {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return { key: keys.authenticate(m?.[1]), bearer: m !== null };
}

/**
 * Fastify onRequest hook: resolves `Authorization: Bearer <key>` before the body is read, so
 * a request without a valid key is answered 401 whatever it carries.
 */
export function bearerAuthHook(keys: KeyRing) {
  return (request: HookRequest, reply: HookReply, done: (err?: Error) => void): void => {
    if (OPEN.some((re) => re.test(request.url))) return done();
    const { key, bearer } = bearerKey(keys, request.headers.authorization);
    if (!key) {
      reply.code(401).header('www-authenticate', 'Bearer').send({
        statusCode: 401, error: 'unauthorized', message: bearer ? 'unknown API key' : 'missing API key: send Authorization: Bearer <key>',
      });
      return;
    }
    request.apiKey = key;
    done();
  };
}
