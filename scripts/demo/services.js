// Starts the four services as child processes and stops them together.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const env = process.env;
const database = (name) =>
  `${env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'}/${env.DATABASE_PREFIX ?? 'retail_sync'}_${name}`;

/** The services of the main job with their ports and databases. */
export function serviceDefinitions() {
  const common = {
    NATS_URL: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    MESSAGING_NAMESPACE: env.MESSAGING_NAMESPACE ?? 'rs',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
  };

  return [
    {
      name: 'channel-gateway',
      port: Number(env.GATEWAY_PORT ?? 3000),
      env: {
        ...common,
        DATABASE_URL: database('gateway'),
        SHOPIFY_WEBHOOK_SECRET: env.SHOPIFY_WEBHOOK_SECRET ?? 'demo-webhook-secret',
      },
    },
    {
      name: 'orders',
      port: Number(env.ORDERS_PORT ?? 3001),
      env: { ...common, DATABASE_URL: database('orders') },
    },
    {
      name: 'tax',
      port: Number(env.TAX_PORT ?? 3002),
      env: { ...common, DATABASE_URL: database('tax') },
    },
    {
      name: 'erp-posting',
      port: Number(env.ERP_PORT ?? 3003),
      env: {
        ...common,
        DATABASE_URL: database('erp_posting'),
        LEDGER_DATABASE_URL: database('ledger'),
      },
    },
  ];
}

/** Starts every service; resolves once all of them report ready on /health/ready. */
export async function startServices(root, definitions, onUnexpectedExit) {
  mkdirSync(resolve(root, '.run/logs'), { recursive: true });
  const children = definitions.map((definition) => {
    const log = createWriteStream(resolve(root, '.run/logs', `${definition.name}.log`), {
      flags: 'a',
    });
    const child = spawn(
      process.execPath,
      [resolve(root, 'apps', definition.name, 'dist/main.js')],
      {
        cwd: root,
        env: {
          ...process.env,
          ...definition.env,
          PORT: String(definition.port),
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(
          `${definition.name} exited with ${code}; see .run/logs/${definition.name}.log. ` +
            'Stopping the other services, because the order flow is incomplete without it.\n',
        );
        onUnexpectedExit?.(definition.name, code);
      }
    });

    return { ...definition, child, url: `http://127.0.0.1:${definition.port}` };
  });
  let stopping = false;
  await Promise.all(children.map((service) => waitUntilReady(service)));

  return {
    services: Object.fromEntries(children.map((service) => [service.name, service])),
    async stop() {
      stopping = true;
      await Promise.all(
        children.map(
          (service) =>
            new Promise((resolveExit) => {
              if (service.child.exitCode !== null) {
                resolveExit();

                return;
              }

              service.child.once('exit', resolveExit);
              service.child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

async function waitUntilReady(service, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited with ${service.child.exitCode}; see .run/logs/${service.name}.log`,
      );
    }

    const ready = await fetch(`${service.url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      return;
    }

    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }

  throw new Error(`${service.name} was not ready within ${timeoutMs / 1000} s`);
}
