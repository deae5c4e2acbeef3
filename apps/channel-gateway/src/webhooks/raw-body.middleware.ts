import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawBodyRequest } from '@nestjs/common';

export type RawBodyMiddleware = (
  request: RawBodyRequest<IncomingMessage>,
  response: ServerResponse,
  next: () => void,
) => void;

/**
 * Creates middleware that reads a POST body as the exact bytes received into `request.rawBody`,
 * because a webhook signature covers those bytes and not a re-serialized parse. A body larger
 * than `limitBytes`, by Content-Length or by the bytes that arrive, gets a 413 response. The
 * rest of such a body is read and discarded before responding, as body-parser does, so that the
 * client reads the 413 instead of a reset connection.
 */
export function createRawBodyMiddleware(
  limitBytes: number,
  onTooLarge: (request: IncomingMessage) => void,
): RawBodyMiddleware {
  return (request, response, next) => {
    if (request.method !== 'POST') {
      next();

      return;
    }

    const declaredLength = Number(request.headers['content-length']);
    let tooLarge = Number.isFinite(declaredLength) && declaredLength > limitBytes;
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    request.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length;
      tooLarge ||= receivedBytes > limitBytes;
      if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    request.once('end', () => {
      if (tooLarge) {
        onTooLarge(request);
        sendPayloadTooLarge(response, limitBytes);

        return;
      }

      request.rawBody = Buffer.concat(chunks, receivedBytes);
      next();
    });
    // An aborted upload cannot get a response, so its socket is closed.
    request.once('error', () => response.destroy());
  };
}

function sendPayloadTooLarge(response: ServerResponse, limitBytes: number): void {
  response.statusCode = 413;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(
    JSON.stringify({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `Request body is larger than the limit of ${limitBytes} bytes`,
    }),
  );
}
