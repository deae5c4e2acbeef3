// The main job: starts the four services, replays the bundled Shopify orders through the
// webhook endpoint, waits until each is posted or raised as an exception, prints a summary and
// keeps serving until Ctrl-C.
import { resolve } from 'node:path';
import { orderOutcome, openExceptions } from './demo/order-outcomes.js';
import { serviceDefinitions, startServices } from './demo/services.js';
import { loadSampleOrders, signedDelivery } from './demo/shopify-samples.js';

const root = resolve(import.meta.dirname, '..');
const secret = process.env.SHOPIFY_WEBHOOK_SECRET ?? 'demo-webhook-secret';
const write = (line = '') => process.stdout.write(`${line}\n`);

// A service that dies leaves orders half processed, so the main job stops instead of serving on.
let running;
running = await startServices(root, serviceDefinitions(), () => {
  void (running ? running.stop() : Promise.resolve()).then(() => process.exit(1));
});
const { services } = running;
const stop = async () => {
  write('\nStopping services');
  await running.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
write(
  `Services ready: ${Object.values(services)
    .map((s) => `${s.name} ${s.url}`)
    .join(', ')}`,
);

const samples = loadSampleOrders(root);
const deliveries = [];
for (const sample of samples) {
  const request = signedDelivery(sample, secret);
  const response = await fetch(`${services['channel-gateway'].url}/webhooks/shopify`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const body = await response.json().catch(() => ({}));
  deliveries.push({
    sample,
    status: response.status,
    deliveryId: body.deliveryId,
    duplicate: body.duplicate === true,
  });
}

const deadline = Date.now() + 60_000;
let outcomes = [];
for (;;) {
  const exceptions = await openExceptions(services);
  outcomes = await Promise.all(
    deliveries.map(async (delivery) => ({
      ...delivery,
      outcome: await orderOutcome(services, delivery.sample, delivery.deliveryId, exceptions),
    })),
  );
  if (outcomes.every((item) => item.outcome.status !== 'pending') || Date.now() > deadline) {
    break;
  }

  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
}

const posted = outcomes.filter((item) => item.outcome.status === 'posted');
const raised = outcomes.filter((item) => item.outcome.status === 'exception');
const pending = outcomes.filter((item) => item.outcome.status === 'pending');
write('');
const accepted = outcomes.filter((item) => item.status === 200);
const repeated = accepted.filter((item) => item.duplicate).length;
const repeatNote = repeated > 0 ? `; ${repeated} received by an earlier run, not posted again` : '';
write(`Orders received: ${accepted.length} of ${outcomes.length} (HTTP 200${repeatNote})`);
write(`Posted:          ${posted.length}`);
for (const item of posted) {
  const entry = item.outcome.entries[0];
  write(
    `  ${item.sample.order.name} (${item.sample.order.id})  ${entry.documentId}  ${entry.currency}  trace ${entry.traceId ?? '-'}`,
  );
}

write(`Exceptions:      ${raised.length}`);
for (const item of raised) {
  const record = item.outcome.exception;
  write(
    `  ${item.sample.order.name} (${item.sample.order.id}, ${item.sample.file}) in ${record.service}: ${record.errorCode}: ${record.errorMessage}`,
  );
}

if (pending.length > 0) {
  write(`Still pending:   ${pending.length} (see .run/logs)`);
}

const balance = await fetch(`${services['erp-posting'].url}/trial-balance`).then((r) => r.json());
write('');
write('Trial balance per currency:');
for (const currency of balance.currencies ?? []) {
  write(
    `  ${currency.currency}: debits ${currency.totals.debit} = credits ${currency.totals.credit}`,
  );
  for (const account of currency.accounts) {
    write(
      `    ${account.account.padEnd(34)} ${account.debit.padStart(12)} ${account.credit.padStart(12)}`,
    );
  }
}

const traced = posted.find((item) => item.outcome.entries[0]?.traceId);
if (traced) {
  write('');
  write(`Follow one order: GET ${services.orders.url}/orders/${traced.outcome.orderId}/trail`);
  write(`Trace id for Jaeger: ${traced.outcome.entries[0].traceId}`);
}

write('');
write('Serving. Press Ctrl-C to stop.');
