import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { ContractViolationError, parseRequest, type RequestSubject } from '@retail-sync/contracts';
import { extractTraceContext, tracer, type TraceCarrier } from '@retail-sync/observability';
import { classifyFailure } from '../failures.js';
import type { MessagingRuntime } from '../messaging-runtime.js';
import { requestSubject } from '../naming.js';
import { NatsRequestContext } from './request-context.js';
import type { RpcReply } from './rpc-errors.js';

export type RequestHandler = (payload: unknown, context: NatsRequestContext) => Promise<unknown>;

/**
 * Replies to one request subject over core NATS in a queue group, so several instances of a
 * service share the load. The request is checked against its contract before the handler runs,
 * and every failure is returned to the caller as `{ ok: false, error: { code, message } }`.
 */
export class RequestResponder {
  private subscription?: Subscription;

  constructor(
    private readonly runtime: MessagingRuntime,
    private readonly subject: RequestSubject,
    private readonly handler: RequestHandler,
  ) {}

  start(): void {
    const { namespace, serviceName } = this.runtime.options;
    this.subscription = this.runtime.connection.subscribe(requestSubject(namespace, this.subject), {
      queue: serviceName,
      callback: (error, message) => {
        if (error) {
          this.runtime.logger.warn(
            { err: error, subject: this.subject },
            'Request subscription error',
          );

          return;
        }

        void this.answer(message);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.drain();
  }

  private async answer(message: Msg): Promise<void> {
    const carrier: TraceCarrier = {};
    const traceparent = message.headers?.get('traceparent');
    if (traceparent) {
      carrier.traceparent = traceparent;
    }

    const parent = extractTraceContext(carrier);
    const span = tracer().startSpan(
      `process ${this.subject}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'rpc.system': 'nats', 'rpc.method': this.subject },
      },
      parent,
    );
    const reply = await context.with(trace.setSpan(parent, span), () => this.run(message));
    if (!reply.ok) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.code });
    }

    span.end();
    message.respond(JSON.stringify(reply));
  }

  private async run(message: Msg): Promise<RpcReply<unknown>> {
    try {
      const payload = parseRequest(this.subject, this.decode(message));
      const data = await this.handler(payload, new NatsRequestContext([this.subject]));

      return { ok: true, data };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.failureClass === 'transient') {
        this.runtime.logger.warn({ err: error, subject: this.subject }, 'Request handler failed');
      }

      return { ok: false, error: { code: failure.code, message: failure.message } };
    }
  }

  private decode(message: Msg): unknown {
    try {
      return message.json<unknown>();
    } catch {
      throw new ContractViolationError(this.subject, ['request body is not valid JSON']);
    }
  }
}
