import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port.js';
import { REPOSITORY_ROOT, ServiceProcess } from '../support/service-process.js';
import { testDatabaseUrl } from '../support/test-names.js';

export const WEBHOOK_SECRET = 'chaos-webhook-secret';

/** The processes of one run: two gateway replicas behind the harness, and one of each other. */
export const INSTANCES = ['gateway-a', 'gateway-b', 'orders', 'tax', 'erp-posting'] as const;
export type InstanceName = (typeof INSTANCES)[number];
export const GATEWAYS: readonly InstanceName[] = ['gateway-a', 'gateway-b'];

/** The service databases that carry an outbox, by the suffix of their name. */
export const SERVICE_DATABASES = ['gateway', 'orders', 'tax', 'erp'] as const;

const STARTUP_TIMEOUT_MS = 90_000;
/** The shop whose SKU mappings the orders service ships with. */
const MAPPED_SHOP = 'demo-shop.myshopify.com';

/**
 * Starts, stops and kills the services of one run, each a separate process on 127.0.0.1 with
 * its own database, all on the run's NATS server and namespace.
 */
export class ServiceCluster {
  readonly instances = {} as Record<InstanceName, ServiceProcess>;
  /** Instances that a fault or the crash supervisor is stopping or starting right now. */
  readonly reserved = new Set<InstanceName>();
  private readonly skuMappingsFile: string;

  constructor(
    readonly run: string,
    private readonly natsUrl: string,
    private readonly shops: readonly string[],
  ) {
    this.skuMappingsFile = join(tmpdir(), `${run}-sku-mappings.json`);
  }

  /** Every database the run creates: the four service databases and the built-in ledger. */
  get databases(): string[] {
    return [...SERVICE_DATABASES, 'ledger'].map((name) => this.database(name));
  }

  database(suffix: string): string {
    return `${this.run}_${suffix}`;
  }

  async start(): Promise<void> {
    writeSkuMappings(this.skuMappingsFile, this.shops);
    for (const name of INSTANCES) {
      this.instances[name] = new ServiceProcess({
        entry: `apps/${serviceOf(name)}/dist/main.js`,
        name: `${this.run}-${name}`,
        port: await freePort(),
        env: this.environment(name),
      });
    }

    // The first gateway creates and migrates the shared gateway database before its replica
    // starts, so the two never race on the same migration.
    await this.instances['gateway-a'].start(STARTUP_TIMEOUT_MS);
    await Promise.all(
      INSTANCES.filter((name) => name !== 'gateway-a').map((name) =>
        this.instances[name].start(STARTUP_TIMEOUT_MS),
      ),
    );
  }

  /** Starts an instance that has exited, trying up to three times. */
  async restart(name: InstanceName): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        await this.instances[name].start(STARTUP_TIMEOUT_MS);

        return;
      } catch (error) {
        lastError = error;
        await this.instances[name].kill().catch(() => undefined);
      }
    }

    throw new Error(`${name} did not start again after 3 attempts: ${String(lastError)}`);
  }

  /** Stops every instance gracefully, killing those that do not exit in 25 s. */
  async stop(): Promise<void> {
    await Promise.allSettled(
      INSTANCES.map(async (name) => {
        const instance = this.instances[name];
        if (!instance) {
          return;
        }

        await instance.terminate().catch(() => instance.kill());
      }),
    );
    rmSync(this.skuMappingsFile, { force: true });
  }

  /** Returns whether the instance's current process is alive. */
  isRunning(name: InstanceName): boolean {
    const pid = this.instances[name]?.pid;
    if (pid === undefined) {
      return false;
    }

    try {
      process.kill(pid, 0);

      return true;
    } catch {
      return false;
    }
  }

  /** Returns the last `lines` lines of the instance's log. */
  logTail(name: InstanceName, lines = 30): string {
    const text = readFileSync(this.instances[name].logFile, 'utf8');

    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  }

  url(name: InstanceName): string {
    return this.instances[name].url;
  }

  private environment(name: InstanceName): Record<string, string> {
    const common = {
      NATS_URL: this.natsUrl,
      MESSAGING_NAMESPACE: this.run,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      CONSUMER_BACKOFF_INITIAL_MS: '200',
      // Five processes share PostgreSQL's default limit of 100 connections with other clients.
      DATABASE_POOL_SIZE: '6',
    };
    switch (serviceOf(name)) {
      case 'channel-gateway':
        return {
          ...common,
          DATABASE_URL: testDatabaseUrl(this.database('gateway')),
          SHOPIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
          // Longer than the harness's 100 ms readiness poll, so no request reaches a closed port.
          SHUTDOWN_DRAIN_DELAY_MS: '500',
        };
      case 'orders':
        return {
          ...common,
          DATABASE_URL: testDatabaseUrl(this.database('orders')),
          SKU_MAPPINGS_FILE: this.skuMappingsFile,
        };
      case 'tax':
        return { ...common, DATABASE_URL: testDatabaseUrl(this.database('tax')) };
      case 'erp-posting':
        return {
          ...common,
          DATABASE_URL: testDatabaseUrl(this.database('erp')),
          LEDGER_DATABASE_URL: testDatabaseUrl(this.database('ledger')),
        };
    }
  }
}

export function serviceOf(
  name: InstanceName,
): 'channel-gateway' | 'orders' | 'tax' | 'erp-posting' {
  return name === 'gateway-a' || name === 'gateway-b' ? 'channel-gateway' : name;
}

/** Writes the shipped SKU mappings of the demo shop once for each of the run's shops. */
export function writeSkuMappings(file: string, shops: readonly string[]): void {
  const shipped = JSON.parse(
    readFileSync(resolve(REPOSITORY_ROOT, 'apps/orders/config/sku-mappings.json'), 'utf8'),
  ) as { mappings: { shopId: string }[] };
  const demo = shipped.mappings.filter((mapping) => mapping.shopId === MAPPED_SHOP);
  const mappings = shops.flatMap((shopId) => demo.map((mapping) => ({ ...mapping, shopId })));
  writeFileSync(file, `${JSON.stringify({ mappings }, null, 2)}\n`);
}
