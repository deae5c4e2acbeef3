import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface MockErpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MockErpRequest {
  idempotencyKey: string | undefined;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** performance.now() when the request arrived and when its response was fully sent. */
  receivedAt: number;
  respondedAt: number;
}

/**
 * A vendor ERP on 127.0.0.1 that implements the HTTP ERP contract. Requests with an idempotency
 * key get that key's scripted responses in order, then 201 with a new document id.
 */
export class MockErpServer {
  readonly requests: MockErpRequest[] = [];
  private readonly scripts = new Map<string, MockErpResponse[]>();
  private server?: Server;
  private documents = 0;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Queues the responses for the next requests carrying `idempotencyKey`. */
  script(idempotencyKey: string, responses: MockErpResponse[]): void {
    this.scripts.set(idempotencyKey, [...responses]);
  }

  requestsFor(idempotencyKey: string): MockErpRequest[] {
    return this.requests.filter((request) => request.idempotencyKey === idempotencyKey);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const receivedAt = performance.now();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const key = request.headers['idempotency-key'] as string | undefined;
        const answer = this.answer(request.method, request.url, key);
        const record: MockErpRequest = {
          idempotencyKey: key,
          headers: request.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
            string,
            unknown
          >,
          receivedAt,
          respondedAt: Number.NaN,
        };
        this.requests.push(record);
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.body ?? {}), () => {
          record.respondedAt = performance.now();
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(method: string | undefined, url: string | undefined, key: string | undefined) {
    if (method !== 'POST' || url !== '/api/journal-entries') {
      return { status: 404, body: { error: `no route ${method} ${url}` } };
    }

    const scripted = key === undefined ? undefined : this.scripts.get(key)?.shift();
    if (scripted) {
      return scripted;
    }

    this.documents += 1;

    return { status: 201, body: { documentId: `MOCK-${this.documents}` } };
  }
}
