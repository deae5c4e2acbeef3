// Small reproductions of the faults the harness found, each on its own NATS server, databases
// and namespace, removed afterwards. Run after `npm run chaos -- --help` has built the harness:
//   node test/chaos/dist/test/chaos/reproduce.js consumer-deleted
//   node test/chaos/dist/test/chaos/reproduce.js stream-lost-while-publisher-down
//   node test/chaos/dist/test/chaos/reproduce.js nats-recreated-stream
//   node test/chaos/dist/test/chaos/reproduce.js versions-in-one-batch
// Each prints what it did, what it expected and what it found, and exits 1 when the fault shows.
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { queryDatabase, dropDatabases } from '../support/database.js';
import { freePort } from '../support/free-port.js';
import { uniqueRunName } from '../support/test-names.js';
import { waitFor } from '../support/wait-for.js';
import { mapLimit } from './map-limit.js';
import { deleteNamespaceStreams, namespaceStreams } from './namespace-streams.js';
import { NatsServerProcess } from './nats-server.js';
import type { OrderOutcome } from './delivery-driver.js';
import { DEFAULT_MIX, OrderGenerator, SHOPS, type OrderPlan } from './order-generator.js';
import { INSTANCES, ServiceCluster } from './service-cluster.js';
import { SystemReader } from './system-reader.js';
import { sendWebhook } from './webhook-sender.js';

type Scenario = (context: { cluster: ServiceCluster; nats: NatsServerProcess }) => Promise<boolean>;

/** Returns the outcome fields the system reader needs to find an order, with no events. */
function lookupOf(plan: OrderPlan): OrderOutcome {
  return {
    index: plan.index,
    externalId: plan.externalId,
    shop: plan.shop,
    currency: plan.currency,
    inconsistent: false,
    shuffled: false,
    events: [],
  };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Deletes the streams while every service consumes a burst of orders; each service should
 * rebuild its consumers. Without load the consumers notice the loss through their 5 s check
 * and recover, so the burst matters.
 */
const consumerDeleted: Scenario = async ({ cluster, nats }) => {
  const generator = new OrderGenerator(11);
  const endpoint = { name: 'gateway-a' as const, url: cluster.url('gateway-a') };
  const sending = mapLimit(
    Array.from({ length: 300 }, (_, index) => generator.plan(index)),
    16,
    async (plan) => {
      for (const event of plan.events) {
        const delivery = { ...event, shop: plan.shop, triggeredAt: new Date().toISOString() };
        await sendWebhook(endpoint, delivery, 5_000);
      }
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  const deleted = await deleteNamespaceStreams(nats.url, cluster.run);
  print(`deleted ${deleted.length} streams under load: ${deleted.join(', ')}`);
  await sending;
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const exited = INSTANCES.filter((name) => !cluster.isRunning(name));
  print('expected: every instance still running, consumers rebuilt');
  print(
    `found: ${exited.length === 0 ? 'every instance running' : `exited: ${exited.join(', ')}`}`,
  );
  for (const name of exited) {
    const tail = cluster.logTail(name, 40).split('\n');
    print(`  ${name}: ${tail.find((line) => /^\w*Error\b.*:/.test(line)) ?? '(no error line)'}`);
  }

  return exited.length === 0;
};

/**
 * Loses the streams while tax, which published assessments erp-posting has not consumed yet, is
 * down. The restarted tax cannot tell that its stream was replaced, so it never republishes.
 */
const streamLostWhilePublisherDown: Scenario = async ({ cluster, nats }) => {
  const orders = 5;
  await cluster.instances['erp-posting'].terminate();
  print('stopped erp-posting, so assessed orders wait in the tax stream');
  const generator = new OrderGenerator(7, {
    inconsistent: 0,
    updated: 0,
    paid: 0,
    cancelled: 0,
    shuffled: 0,
    thirdCopy: 0,
    conflicting: 0,
  });
  const plans = Array.from({ length: orders }, (_, index) => generator.plan(index));
  for (const plan of plans) {
    const [event] = plan.events;
    const endpoint = { name: 'gateway-a' as const, url: cluster.url('gateway-a') };
    const result = await sendWebhook(
      endpoint,
      { ...event, shop: plan.shop, triggeredAt: new Date().toISOString() },
      5_000,
    );
    if (!result.ok) {
      throw new Error(`Webhook of order ${plan.externalId} failed: ${result.reason}`);
    }
  }

  await waitFor(
    async () => {
      const [row] = await queryDatabase<{ count: string }>(
        cluster.database('tax'),
        `SELECT count(*) AS count FROM outbox_message
          WHERE subject LIKE '%tax.order-tax.assessed.v1' AND published_at IS NOT NULL`,
      );

      return Number(row.count) >= orders;
    },
    { label: 'tax to publish every assessment', timeoutMs: 30_000 },
  );
  print(`sent ${orders} orders; tax assessed and published all of them`);
  await cluster.instances.tax.kill();
  const deleted = await deleteNamespaceStreams(nats.url, cluster.run);
  print(`killed tax, then deleted ${deleted.length} streams`);
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  for (const name of INSTANCES) {
    if (!cluster.isRunning(name)) {
      await cluster.restart(name);
    }
  }

  print(
    `started tax and erp-posting again; streams: ${(await namespaceStreams(nats.url, cluster.run)).length}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  const reader = new SystemReader(cluster);
  const stored = await reader.storedOrders(plans.map(lookupOf));
  const posted = stored.filter((order) => order.entries.length > 0).length;
  print(`expected: ${orders} orders posted after 20 s`);
  print(`found: ${posted} posted, ${stored.filter((order) => order.orderId).length} captured`);

  return posted === orders;
};

/**
 * Deletes a stream every 0.7 s while five connections publish batches of 200 messages of 10 kB
 * with message ids, and create the stream again when a publish fails, as the outbox relays do.
 * Needs NATS only: nats-server 2.9.10 then logs `error opening msg block file` for a recreated
 * stream, which stays unwritable.
 */
const natsRecreatedStream: Scenario = async ({ nats }) => {
  const connections = await Promise.all(
    Array.from({ length: 5 }, () => connect({ servers: nats.url })),
  );
  const managers = await Promise.all(connections.map((connection) => jetstreamManager(connection)));
  const config = {
    name: 'RACE',
    subjects: ['race.>'],
    storage: StorageType.File,
    max_age: 7 * 24 * 3_600 * 1e9,
    duplicate_window: 120e9,
    num_replicas: 1,
  };
  await managers[0].streams.add(config);
  const body = 'x'.repeat(10_000);
  let running = true;
  let blockErrors = 0;
  const publishers = connections.map(async (connection, index) => {
    const js = jetstream(connection);
    let sequence = 0;
    while (running) {
      const batch = Array.from({ length: 200 }, (_, offset) =>
        js.publish(`race.${index}`, body, { msgID: `${index}-${(sequence + offset) % 4_000}` }),
      );
      try {
        await Promise.all(batch);
        sequence += 200;
      } catch (error) {
        blockErrors += String(error).includes('msg block') ? 1 : 0;
        await managers[index].streams
          .info('RACE')
          .catch(() => managers[index].streams.add(config))
          .catch(() => undefined);
      }
    }
  });
  for (let round = 0; round < 80; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await managers[0].streams.delete('RACE').catch(() => undefined);
  }

  running = false;
  await Promise.allSettled(publishers);
  await Promise.all(connections.map((connection) => connection.close()));
  print('expected: every publish after a re-creation succeeds');
  print(`found: ${blockErrors} publish batches failed with "error opening msg block file"`);

  return blockErrors === 0;
};

/**
 * Hands erp-posting both assessed versions of one order in one batch, the newer first, as a
 * redelivery that overtakes can. It must post the newer figures or raise the change.
 */
const versionsInOneBatch: Scenario = async ({ cluster, nats }) => {
  const generator = new OrderGenerator(3, {
    ...DEFAULT_MIX,
    inconsistent: 0,
    updated: 1,
    paid: 0,
    cancelled: 0,
    shuffled: 0,
    conflicting: 0,
  });
  let index = 0;
  while (new Set(generator.plan(index).events.map((event) => event.tenderTotal)).size < 2) {
    index += 1;
  }

  const plan = generator.plan(index);
  await cluster.instances['erp-posting'].terminate();
  print(
    `stopped erp-posting; order ${plan.externalId} totals ${plan.events.map((event) => event.tenderTotal).join(' then ')}`,
  );
  const endpoint = { name: 'gateway-a' as const, url: cluster.url('gateway-a') };
  for (const [position, event] of plan.events.entries()) {
    await sendWebhook(
      endpoint,
      { ...event, shop: plan.shop, triggeredAt: new Date().toISOString() },
      5_000,
    );
    await waitFor(
      async () => {
        const [row] = await queryDatabase<{ count: string }>(
          cluster.database('tax'),
          `SELECT count(*) AS count FROM outbox_message
            WHERE subject = 'tax.order-tax.assessed.v1' AND published_at IS NOT NULL`,
        );

        return Number(row.count) > position;
      },
      { label: `tax to publish assessment ${position + 1}`, timeoutMs: 30_000 },
    );
  }

  const rows = await queryDatabase<{ id: string; subject: string; envelope: string }>(
    cluster.database('tax'),
    `SELECT id, subject, envelope::text AS envelope FROM outbox_message
      WHERE subject = 'tax.order-tax.assessed.v1' ORDER BY seq DESC`,
  );
  const connection = await connect({ servers: nats.url });
  const manager = await jetstreamManager(connection);
  const taxStream = `${cluster.run.toUpperCase()}_TAX`;
  await manager.streams.purge(taxStream);
  const js = jetstream(connection);
  for (const row of rows) {
    // No message id, because the stream's duplicate window still contains the original ids.
    await js.publish(`${cluster.run}.${row.subject}`, row.envelope);
  }

  await connection.close();
  print(`replaced ${taxStream}'s messages with the ${rows.length} assessments, newest first`);
  await cluster.restart('erp-posting');
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const reader = new SystemReader(cluster);
  const [stored] = await reader.storedOrders([lookupOf(plan)]);
  const tenders = stored.entries.map((entry) =>
    entry.lines
      .filter((line) => line.side === 'debit' && /^1\d{3}-/.test(line.account))
      .reduce((sum, line) => sum + Number(line.amount.amount), 0)
      .toFixed(2),
  );
  const raised = (await reader.openExceptions()).filter(
    (item) => item.errorCode === 'posting.order-changed-after-posting',
  );
  const [erpState] = await queryDatabase<{ inbox: string; postings: string }>(
    cluster.database('erp'),
    `SELECT (SELECT count(*) FROM inbox_message) AS inbox, (SELECT count(*) FROM posting) AS postings`,
  );
  print(
    `erp-posting handled ${erpState.inbox} messages and recorded ${erpState.postings} postings`,
  );
  const newest = plan.events.at(-1)?.tenderTotal;
  print(`expected: a sale of ${newest}, or an open posting.order-changed-after-posting`);
  print(
    `found: sales ${tenders.join(', ') || 'none'}, ${raised.length} changed-after-posting records`,
  );

  return tenders.includes(newest ?? '') || raised.length > 0;
};

const SCENARIOS: Record<string, { run: Scenario; services: boolean }> = {
  'consumer-deleted': { run: consumerDeleted, services: true },
  'stream-lost-while-publisher-down': { run: streamLostWhilePublisherDown, services: true },
  'nats-recreated-stream': { run: natsRecreatedStream, services: false },
  'versions-in-one-batch': { run: versionsInOneBatch, services: true },
};

const name = process.argv[2] ?? '';
const scenario = SCENARIOS[name];
if (!scenario) {
  process.stderr.write(`Usage: reproduce.js ${Object.keys(SCENARIOS).join('|')}\n`);
  process.exit(2);
}

const run = uniqueRunName('repro');
const nats = new NatsServerProcess(await freePort(), run);
const cluster = new ServiceCluster(run, nats.url, SHOPS);
let passed: boolean;
try {
  await nats.start();
  if (scenario.services) {
    await cluster.start();
  }

  print(`run ${run}: ready`);
  passed = await scenario.run({ cluster, nats });
} finally {
  await cluster.stop();
  await nats.dispose();
  await dropDatabases(cluster.databases);
}

print(passed ? 'fault not reproduced' : 'fault reproduced');
process.exit(passed ? 0 : 1);
