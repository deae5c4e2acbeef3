import type { JsMsg } from '@nats-io/jetstream';
import { parseEnvelope } from '@retail-sync/contracts';
import type { TraceCarrier } from '@retail-sync/observability';
import type { InboundMessage } from './inbound-message.js';

const TRACE_HEADERS = ['traceparent', 'tracestate'];

/** Reads the W3C trace headers of a NATS message, falling back to the envelope's copy. */
export function traceCarrierOf(
  message: JsMsg,
  envelope?: { traceparent?: string; tracestate?: string },
): TraceCarrier {
  const carrier: TraceCarrier = {};
  for (const name of TRACE_HEADERS) {
    const value = message.headers?.get(name);
    if (value) {
      carrier[name] = value;
    }
  }

  if (!carrier.traceparent && envelope?.traceparent) {
    carrier.traceparent = envelope.traceparent;
    if (envelope.tracestate) {
      carrier.tracestate = envelope.tracestate;
    }
  }

  return carrier;
}

/** Parses a JetStream message into an {@link InboundMessage}; throws ContractViolationError or SyntaxError. */
export function decodeMessage(message: JsMsg): InboundMessage {
  const plain: unknown = JSON.parse(message.string());
  const envelope = parseEnvelope(plain);

  return {
    id: envelope.id,
    subject: envelope.type,
    envelope,
    deliveryCount: message.info.deliveryCount,
    traceContext: traceCarrierOf(message, envelope),
  };
}
