import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { errors, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  parseReply,
  type ReplyPayload,
  type RequestPayload,
  type RequestSubject,
} from '@retail-sync/contracts';
import { injectTraceContext } from '@retail-sync/observability';
import { requestSubject } from '../naming.js';
import {
  CapabilityUnavailableError,
  RemoteCapabilityError,
  RequestTimeoutError,
  type RpcReply,
} from './rpc-errors.js';

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * The client side of request-reply over core NATS. Requests and replies are checked against
 * the contract catalog on both sides. Failures are thrown as typed errors for a timeout, a
 * missing service, or the remote error with its code.
 */
export class NatsRequestClient extends ClientProxy {
  constructor(
    private readonly connection: () => NatsConnection,
    private readonly namespace: string,
    private readonly defaultTimeoutMs = 2_000,
  ) {
    super();
  }

  async request<S extends RequestSubject>(
    subject: S,
    payload: RequestPayload<S>,
    options: RequestOptions = {},
  ): Promise<ReplyPayload<S>> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const headers = natsHeaders();
    for (const [key, value] of Object.entries(injectTraceContext())) {
      headers.set(key, value);
    }

    let reply: RpcReply<unknown>;
    try {
      const message = await this.connection().request(
        requestSubject(this.namespace, subject),
        JSON.stringify(payload),
        { timeout: timeoutMs, headers },
      );
      reply = message.json<RpcReply<unknown>>();
    } catch (error) {
      if (
        error instanceof errors.NoRespondersError ||
        (error instanceof errors.RequestError && error.isNoResponders())
      ) {
        throw new CapabilityUnavailableError(subject);
      }

      if (
        error instanceof errors.TimeoutError ||
        (error instanceof errors.RequestError && error.cause instanceof errors.TimeoutError)
      ) {
        throw new RequestTimeoutError(subject, timeoutMs);
      }

      throw error;
    }

    if (!reply.ok) {
      throw new RemoteCapabilityError(subject, reply.error.code, reply.error.message);
    }

    return parseReply(subject, reply.data);
  }

  /** Resolves at once, because the messaging runtime owns and opens the NATS connection. */
  connect(): Promise<void> {
    return Promise.resolve();
  }

  /** Resolves at once, because the messaging runtime drains the connection on shutdown. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  unwrap<T>(): T {
    return this.connection() as T;
  }

  /** Serves Nest's `send()`: the pattern is a request subject of the catalog. */
  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    this.request(packet.pattern as RequestSubject, packet.data as never)
      .then((response) => callback({ response, isDisposed: true }))
      .catch((err: unknown) => callback({ err, isDisposed: true }));

    return () => undefined;
  }

  /** Events leave only through a service's outbox, never straight from a client. */
  protected async dispatchEvent(): Promise<never> {
    throw new Error('Publish events through UnitOfWork.publish so they commit with the state.');
  }
}
