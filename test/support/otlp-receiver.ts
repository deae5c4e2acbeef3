import { createServer, type Server } from 'node:http';

/** One span as an OTLP/HTTP JSON export carries it, with its service name attached. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

/**
 * A local OTLP/HTTP receiver for the JSON encoding (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`),
 * standing in for Jaeger or a collector so tests can read the spans services export.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Spans received, counted even when they are not kept. */
  received = 0;
  private server?: Server;

  /** @param keepSpans false turns the receiver into a sink that only counts, for benchmarks. */
  constructor(private readonly keepSpans = true) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          this.collect(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest);
        }

        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  spansOfTrace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  private collect(request: ExportRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      const service =
        resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')
          ?.value.stringValue ?? 'unknown';
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.received += 1;
          if (this.keepSpans) {
            this.spans.push({ ...span, service, parentSpanId: span.parentSpanId ?? '' });
          }
        }
      }
    }
  }
}
