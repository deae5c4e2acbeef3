import { context, trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/**
 * Paths removed from every log line. Orders carry names, emails, phones and addresses, and
 * webhook headers carry signatures; neither belongs in logs.
 */
const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers["x-shopify-hmac-sha256"]',
  'headers.authorization',
  '*.email',
  '*.phone',
  '*.customer',
  '*.billing_address',
  '*.shipping_address',
];

/** Creates the JSON logger of a service; each line carries the active trace and span ids. */
export function createLogger(serviceName: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: serviceName },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const spanContext = trace.getSpan(context.active())?.spanContext();

      return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
    },
  });
}

/** Adapts pino to Nest's LoggerService so framework and application logs share one format. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }

  private write(level: pino.Level, message: unknown, optional: unknown[]): void {
    const contextName =
      typeof optional.at(-1) === 'string' ? (optional.at(-1) as string) : undefined;
    if (message instanceof Error) {
      this.logger[level]({ err: message, context: contextName }, message.message);

      return;
    }

    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...message, context: contextName });

      return;
    }

    this.logger[level]({ context: contextName }, String(message));
  }
}
