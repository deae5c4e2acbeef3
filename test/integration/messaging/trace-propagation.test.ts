import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpReceiver } from '../../support/otlp-receiver.js';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

const SPAN_KIND_PRODUCER = 4;
const SPAN_KIND_CONSUMER = 5;

describe('trace propagation', () => {
  const pair = new ProbePair();
  const receiver = new OtlpReceiver();

  beforeAll(async () => {
    const endpoint = await receiver.start();
    const telemetry = {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    await (await pair.createConsumer(telemetry)).start();
    await (await pair.createProducer(telemetry)).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
    await receiver.stop();
  });

  it('keeps one trace from HTTP through outbox and NATS to the consumer', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const [eventId] = await pair.postNotes(['traced'], {
      traceparent: `00-${traceId}-${callerSpanId}-01`,
    });
    await waitFor(async () => (await pair.effectCounts()).get(eventId) === 1, { label: 'effect' });

    const spans = await waitFor(
      () => {
        const found = receiver.spansOfTrace(traceId);
        const consumed = found.some(
          (span) => span.service === 'probe-consumer' && span.kind === SPAN_KIND_CONSUMER,
        );
        const effectWritten = found.some(
          (span) => span.service === 'probe-consumer' && span.name.includes('INSERT'),
        );

        return consumed && effectWritten ? found : undefined;
      },
      { label: 'spans of both services' },
    );
    const producerSpans = spans.filter((span) => span.service === 'probe-producer');
    const httpRoot = producerSpans.find((span) => span.parentSpanId === callerSpanId);
    const send = producerSpans.find((span) => span.kind === SPAN_KIND_PRODUCER);
    const process = spans.find((span) => span.kind === SPAN_KIND_CONSUMER);
    const effectInsert = spans.find(
      (span) => span.service === 'probe-consumer' && span.name.includes('INSERT'),
    );
    const producerIds = new Set(producerSpans.map((span) => span.spanId));

    expect(httpRoot, 'HTTP server span continuing the caller').toBeDefined();
    expect(send?.name).toBe('send channel.order.received.v1');
    expect(producerIds.has(send?.parentSpanId ?? ''), 'send span parented in the producer').toBe(
      true,
    );
    expect(process?.name).toBe('process channel.order.received.v1');
    expect(process?.parentSpanId).toBe(send?.spanId);
    expect(effectInsert?.parentSpanId).toBe(process?.spanId);
  });
});
