// Drives unique orders through the Shopify webhook at fixed rates and measures webhook-to-posted
// throughput and latency, webhook ack latency and each service's peak RSS, with tracing on
// (exported to a local OTLP sink) and off. Run with `npm run bench`; BENCH_RATES (orders/s,
// comma-separated) and BENCH_SECONDS (per rate) change the load.
import { cpus } from 'node:os';
import { queryDatabase } from '../test/support/database.js';
import { OrderFlow, type ServiceName } from '../test/support/order-flow.js';
import { OtlpReceiver } from '../test/support/otlp-receiver.js';
import { waitFor } from '../test/support/wait-for.js';
import { OrderGenerator } from './order-generator.js';
import { quantile } from './percentiles.js';
import { peakRssMiB } from './service-memory.js';

const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MAX_IN_FLIGHT = 64;

interface RateResult {
  tracing: 'on' | 'off';
  offeredPerSecond: number;
  orders: number;
  postedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ackP99Ms: number;
  non2xx: number;
}

async function driveRate(flow: OrderFlow, generator: OrderGenerator, rate: number) {
  const total = rate * SECONDS;
  const ackMillis: number[] = [];
  const externalIds: string[] = [];
  let non2xx = 0;
  let inFlight = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let sent = 0; sent < total; sent += 1) {
    const due = started + (sent * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }

    while (inFlight >= MAX_IN_FLIGHT) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }

    const order = generator.next();
    externalIds.push(String(order.id));
    inFlight += 1;
    const sentAt = performance.now();
    pending.push(
      flow.sendWebhook(order).then(
        (answer) => {
          inFlight -= 1;
          ackMillis.push(performance.now() - sentAt);
          non2xx += answer.status === 200 ? 0 : 1;
        },
        () => {
          inFlight -= 1;
          non2xx += 1;
        },
      ),
    );
  }

  await Promise.all(pending);

  return { externalIds, ackMillis, non2xx };
}

async function postedLatencies(flow: OrderFlow, externalIds: string[]): Promise<number[]> {
  const received = await queryDatabase<{ order_external_id: string; received_at: Date }>(
    `${flow.run}_gateway`,
    'SELECT order_external_id, received_at FROM webhook_delivery WHERE order_external_id = ANY($1)',
    [externalIds],
  );
  const posted = await queryDatabase<{ source_document: string; created_at: Date }>(
    `${flow.run}_ledger`,
    `SELECT source_document, created_at FROM journal_entry
      WHERE split_part(source_document, ':', 4) = ANY($1)`,
    [externalIds],
  );
  const receivedAt = new Map(
    received.map((row) => [row.order_external_id, row.received_at.getTime()]),
  );

  return posted.map(
    (row) => row.created_at.getTime() - (receivedAt.get(row.source_document.split(':')[3]) ?? NaN),
  );
}

async function runSeries(
  tracing: 'on' | 'off',
): Promise<{ results: RateResult[]; rss: Record<string, number | undefined> }> {
  const sink = new OtlpReceiver(false);
  const endpoint = await sink.start();
  const telemetry: Record<string, string> =
    tracing === 'on'
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }
      : { OTEL_SDK_DISABLED: 'true' };
  const flow = new OrderFlow({ ...telemetry, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const generator = new OrderGenerator(Date.now() * 100);
  const results: RateResult[] = [];
  try {
    await flow.start();
    for (const rate of RATES) {
      const { externalIds, ackMillis, non2xx } = await driveRate(flow, generator, rate);
      await waitFor(
        async () => {
          const rows = await queryDatabase<{ count: string }>(
            `${flow.run}_ledger`,
            `SELECT count(*) AS count FROM journal_entry WHERE split_part(source_document, ':', 4) = ANY($1)`,
            [externalIds],
          );

          return Number(rows[0].count) >= externalIds.length;
        },
        { timeoutMs: 900_000, intervalMs: 500, label: `orders at ${rate}/s posted` },
      );
      const latencies = await postedLatencies(flow, externalIds);
      const receivedTimes = await queryDatabase<{ first: Date; last: Date }>(
        `${flow.run}_ledger`,
        `SELECT min(created_at) AS first, max(created_at) AS last FROM journal_entry
          WHERE split_part(source_document, ':', 4) = ANY($1)`,
        [externalIds],
      );
      const spanSeconds =
        (receivedTimes[0].last.getTime() - receivedTimes[0].first.getTime()) / 1_000 || 1;
      results.push({
        tracing,
        offeredPerSecond: rate,
        orders: externalIds.length,
        postedPerSecond: Math.round(externalIds.length / spanSeconds),
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        ackP99Ms: Math.round(quantile(ackMillis, 0.99)),
        non2xx,
      });
      process.stdout.write(`${JSON.stringify(results.at(-1))}\n`);
    }

    const rss: Record<string, number | undefined> = {};
    for (const [name, service] of Object.entries(flow.services) as [
      ServiceName,
      { pid?: number },
    ][]) {
      rss[name] = await peakRssMiB(service.pid);
    }

    return { results, rss };
  } finally {
    await flow.stop();
    await sink.stop();
  }
}

const off = await runSeries('off');
const on = await runSeries('on');
process.stdout.write(`\ncpus: ${cpus().length}, seconds per rate: ${SECONDS}\n`);
process.stdout.write(
  '| tracing | offered/s | orders | posted/s | p50 ms | p99 ms | ack p99 ms | non-2xx |\n',
);
process.stdout.write('| --- | --- | --- | --- | --- | --- | --- | --- |\n');
for (const row of [...off.results, ...on.results]) {
  process.stdout.write(
    `| ${row.tracing} | ${row.offeredPerSecond} | ${row.orders} | ${row.postedPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${row.ackP99Ms} | ${row.non2xx} |\n`,
  );
}

process.stdout.write(`\npeak RSS MiB, tracing off: ${JSON.stringify(off.rss)}\n`);
process.stdout.write(`peak RSS MiB, tracing on: ${JSON.stringify(on.rss)}\n`);
