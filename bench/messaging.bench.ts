// Measures outbox → JetStream → inbox throughput and latency with two probe services in
// separate processes and databases. Run with `npm run bench:messaging`; BENCH_EVENTS sets the
// event count (default 20000).
import { cpus } from 'node:os';
import { dropDatabases, queryDatabase } from '../test/support/database.js';
import { freePort } from '../test/support/free-port.js';
import { deleteNamespaceStreams } from '../test/support/jetstream.js';
import { ServiceProcess } from '../test/support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../test/support/test-names.js';
import { waitFor } from '../test/support/wait-for.js';
import { quantile } from './percentiles.js';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 20_000);
const PER_REQUEST = 250;
const CONCURRENT_REQUESTS = 4;
const run = uniqueRunName('b');
const databases = { producer: `${run}_producer`, consumer: `${run}_consumer` };

function probe(role: 'producer' | 'consumer', port: number): ServiceProcess {
  return new ServiceProcess({
    entry: 'test/probe-service/dist/main.js',
    name: `${run}-${role}`,
    port,
    env: {
      PROBE_ROLE: role,
      DATABASE_URL: testDatabaseUrl(databases[role]),
      NATS_URL,
      MESSAGING_NAMESPACE: run,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
    },
  });
}

async function postNotes(producer: ServiceProcess, labels: string[]): Promise<void> {
  const response = await fetch(`${producer.url}/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ labels }),
  });
  if (!response.ok) {
    throw new Error(`POST /notes returned ${response.status}`);
  }
}

async function effectCount(): Promise<number> {
  const rows = await queryDatabase<{ count: string }>(
    databases.consumer,
    'SELECT count(*) AS count FROM probe_effect',
  );

  return Number(rows[0].count);
}

async function main(): Promise<void> {
  const consumer = probe('consumer', await freePort());
  const producer = probe('producer', await freePort());
  try {
    await consumer.start();
    await producer.start();
    const chunks: string[][] = [];
    for (let offset = 0; offset < TOTAL; offset += PER_REQUEST) {
      chunks.push(
        Array.from(
          { length: Math.min(PER_REQUEST, TOTAL - offset) },
          (_, i) => `bench-${offset + i}`,
        ),
      );
    }

    const started = Date.now();
    for (let i = 0; i < chunks.length; i += CONCURRENT_REQUESTS) {
      await Promise.all(
        chunks.slice(i, i + CONCURRENT_REQUESTS).map((chunk) => postNotes(producer, chunk)),
      );
    }

    await waitFor(async () => (await effectCount()) >= TOTAL, {
      timeoutMs: 600_000,
      intervalMs: 250,
      label: 'all effects',
    });
    const wallSeconds = (Date.now() - started) / 1_000;
    const written = await queryDatabase<{ id: string; created_at: Date }>(
      databases.producer,
      'SELECT id, created_at FROM outbox_message',
    );
    const applied = await queryDatabase<{ event_id: string; processed_at: Date }>(
      databases.consumer,
      'SELECT event_id, processed_at FROM probe_effect',
    );
    const writtenAt = new Map(written.map((row) => [row.id, row.created_at.getTime()]));
    const latencies = applied.map(
      (row) => row.processed_at.getTime() - (writtenAt.get(row.event_id) ?? NaN),
    );
    const first = Math.min(...writtenAt.values());
    const last = Math.max(...applied.map((row) => row.processed_at.getTime()));
    const duplicates = applied.length - new Set(applied.map((row) => row.event_id)).size;
    const result = {
      events: TOTAL,
      eventsPerSecond: Math.round(TOTAL / ((last - first) / 1_000)),
      wallSeconds: Number(wallSeconds.toFixed(1)),
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      maxMs: quantile(latencies, 1),
      duplicates,
      cpus: cpus().length,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `| ${result.events} | ${result.eventsPerSecond} | ${result.p50Ms} | ${result.p99Ms} | ${result.duplicates} |\n`,
    );
  } finally {
    await Promise.allSettled([producer.terminate(), consumer.terminate()]);
    await dropDatabases([databases.producer, databases.consumer]);
    await deleteNamespaceStreams(run);
  }
}

await main();
