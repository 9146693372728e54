// A thread of the ingest preparation pool: parses submitted bodies and prepares their events
// (validation, scope, pseudonyms, canonical JSON, content hashes), so the main thread keeps only
// HTTP, decide-and-append and the answer. Nothing here logs or answers with a body's text.
import { parentPort, workerData } from 'node:worker_threads';
import { BodyParseError, TooManyEventsError } from '../parsing/body-parse.error';
import { EventPreparer } from './event-preparer';
import { prepareBody } from './prepare-body';
import type { BodyToPrepare } from './prepare-body';
import { toWire } from './prepared-events';
import type { PreparationAnswer } from './preparation-pool';

const preparer = new EventPreparer(workerData.pseudonymSecret as string | Buffer);

parentPort!.on('message', (msg: { id: number; request: Omit<BodyToPrepare, 'body'> & { body: Uint8Array } }) => {
  const { id, request } = msg;
  let answer: PreparationAnswer;
  try {
    const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const { prepared, bodySha256 } = prepareBody({ ...request, body }, preparer);
    answer = { id, events: toWire(prepared), bodySha256 };
  } catch (err) {
    if (err instanceof TooManyEventsError) answer = { id, tooMany: err.limit };
    else if (err instanceof BodyParseError) answer = { id, refused: { message: err.message, line: err.line, offset: err.offset, code: err.code } };
    // Anything else is a fault of ours: its message could quote the input, so only its kind crosses.
    else answer = { id, failed: (err as Error)?.name ?? 'Error' };
  }
  parentPort!.postMessage(answer);
});
