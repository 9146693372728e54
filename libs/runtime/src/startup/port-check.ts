import { createServer } from 'node:net';
import { StartupError } from '@trm/config';

/**
 * Binds HOST:PORT once and lets it go, before anything is written to the data directory: a busy
 * port — the likeliest first-start failure — then stops the process while it is still clean.
 * (Another process could take the port in the seconds before the real listen; the start-up
 * clean-up covers that narrow case.)
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(portProblem(host, port, err)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function portProblem(host: string, port: number, err: NodeJS.ErrnoException): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(`PORT=${port}: ${host}:${port} is already in use by another process. Stop it, or start on a free port, e.g. PORT=${port === 3000 ? 3001 : 3000} npm start`);
    case 'EACCES':
      return new StartupError(`PORT=${port}: this user may not listen on ${host}:${port} (ports below 1024 need privileges). Choose a port from 1024 to 65535.`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`HOST=${host}: not an address of this machine (${err.code}). Use 127.0.0.1, or 0.0.0.0 for every interface.`);
    default:
      return err;
  }
}
