import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing for a service. Call it before anything else is imported in the
 * entry point, because the http and pg instrumentations patch those modules as they load.
 *
 * Spans go to the OTLP endpoint from the standard OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT
 * variables. With neither set, the SDK still creates spans but exports nothing, so trace ids
 * still reach logs and journal entries. OTEL_SDK_DISABLED=true turns tracing off completely.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  // Instrumentations patch modules as soon as they are constructed, so a disabled SDK must not
  // even create them: their hooks would cost CPU on every require and query for nothing.
  if (sdk || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return;
  }

  const exporting = Boolean(
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT,
  );
  // OTLP over HTTP with protobuf is the SDK default; http/json is chosen the standard way, by
  // OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL.
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  const exporter =
    protocol === 'http/json' ? new OtlpHttpJsonExporter() : new OtlpProtobufExporter();
  const spanProcessor: SpanProcessor = exporting
    ? new BatchSpanProcessor({ exporter })
    : new NonExportingSpanProcessor();
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    spanProcessors: [spanProcessor],
    logRecordProcessors: [],
    metricReaders: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          request.url?.startsWith('/health') === true || request.url === '/metrics',
      }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Flushes and stops the SDK; spans still buffered are exported first. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

export function tracer(): Tracer {
  return trace.getTracer('retail-sync');
}

/** Keeps spans recording (so they have ids) without sending them anywhere. */
class NonExportingSpanProcessor implements SpanProcessor {
  onStart(): void {
    // Nothing to prepare: spans are only needed for their ids.
  }

  onEnd(): void {
    // Ended spans are dropped on purpose; no exporter is configured.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
