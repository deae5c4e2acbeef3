import {
  context,
  propagation,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Trace context headers as stored beside an outbox row and sent in NATS headers. */
export type TraceCarrier = Record<string, string>;

const carrierSetter: TextMapSetter<TraceCarrier> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const carrierGetter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** Captures the W3C trace context (traceparent, tracestate) of `ctx` into a plain object. */
export function injectTraceContext(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier, carrierSetter);

  return carrier;
}

/** Rebuilds a context from a carrier captured by {@link injectTraceContext}. */
export function extractTraceContext(carrier: TraceCarrier | undefined): Context {
  return propagation.extract(context.active(), carrier ?? {}, carrierGetter);
}

/** Returns the active trace id, or undefined outside any span. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || spanContext.traceId === '00000000000000000000000000000000') {
    return undefined;
  }

  return spanContext.traceId;
}
