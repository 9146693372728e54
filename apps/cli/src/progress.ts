/**
 * A progress line on stderr. On a terminal it rewrites itself in place; piped or redirected (a log
 * file, CI), a carriage return does not move anything, so it writes whole lines instead, at most
 * one every few seconds, and always the last.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr, everyMs = 5_000) {
  let last = 0;
  let pending: string | undefined;
  return {
    update(text: string): void {
      if (stream.isTTY) { stream.write(`\r${text}\x1b[K`); return; }
      pending = text;
      const now = Date.now();
      if (now - last >= everyMs) { stream.write(`${text}\n`); last = now; pending = undefined; }
    },
    done(): void {
      if (stream.isTTY) stream.write('\n');
      else if (pending !== undefined) stream.write(`${pending}\n`);
      pending = undefined;
    },
  };
}
