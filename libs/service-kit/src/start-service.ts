import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JetStreamServer, MessagingRuntime, messagingMetrics } from '@retail-sync/messaging';
import { PinoLoggerService, stopTelemetry } from '@retail-sync/observability';
import { ensureDatabase, runMigrations } from '@retail-sync/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReadinessState } from './readiness.js';
import type { BaseServiceConfig } from './service-config.js';

/** Upper bound of a graceful stop; Kubernetes' default grace period is 30 s. */
const SHUTDOWN_DEADLINE_MS = 20_000;

export interface ServiceDefinition {
  serviceName: string;
  config: BaseServiceConfig;
  logger: Logger;
  rootModule: Type;
  /** Adjusts the HTTP application before it listens (body parsers, limits). */
  configureHttp?: (app: NestExpressApplication) => void;
  /** Runs after migrations and before consumers start, e.g. to seed configuration tables. */
  beforeStart?: (app: NestExpressApplication) => Promise<void>;
}

export interface RunningService {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a service: creates its database if missing, migrates it, connects messaging, starts
 * the consumers and the HTTP server. `stop()` turns readiness false, lets consumers finish their
 * batch, flushes the outbox relay and drains NATS.
 */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  const { config, logger } = definition;
  await ensureDatabase(config.DATABASE_URL);
  if (process.argv.includes('--migrate-only')) {
    await migrateAndExit(definition);
  }

  const app = await NestFactory.create<NestExpressApplication>(definition.rootModule, {
    logger: new PinoLoggerService(logger),
    rawBody: true,
    bodyParser: true,
  });
  definition.configureHttp?.(app);
  const applied = await runMigrations(app.get(DataSource));
  if (applied.length > 0) {
    logger.info({ migrations: applied }, 'Database migrated');
  }

  await definition.beforeStart?.(app);
  const runtime = app.get(MessagingRuntime);
  await runtime.start();
  const server = new JetStreamServer(runtime);
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: false });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  const readiness = app.get(ReadinessState);
  readiness.ready = true;
  const gauges = setInterval(() => void sampleGauges(runtime), 15_000);
  gauges.unref();
  const url = await app.getUrl();
  logger.info({ url: url.replace('[::1]', '127.0.0.1') }, `${definition.serviceName} started`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      readiness.ready = false;
      clearInterval(gauges);
      if (config.SHUTDOWN_DRAIN_DELAY_MS > 0) {
        await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_DELAY_MS));
      }

      logger.info('Stopping: consumers finish their batch, then NATS drains');
      // Order matters: consumers stop first, then the relay flushes and NATS drains, and only
      // then does app.close() run the shutdown hooks that close the database pools.
      await server.close();
      await runtime.stop();
      await app.close();
      await stopTelemetry();
      logger.info(`${definition.serviceName} stopped`);
    })();

    return stopping;
  };

  return { app, url, stop };
}

/** Stops the service on SIGTERM or SIGINT and exits; used by each app's entry point. */
export function exitOnSignals(service: RunningService, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'Received stop signal');
    const deadline = setTimeout(() => {
      logger.error('Graceful stop took longer than 20 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Graceful stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function sampleGauges(runtime: MessagingRuntime): Promise<void> {
  try {
    messagingMetrics.outboxBacklog.set(await runtime.outboxBacklog());
    messagingMetrics.exceptionsOpen.set(await runtime.exceptions.countOpen());
  } catch {
    // A scrape gap is harmless; the next sample retries.
  }
}

/**
 * Runs the service's migrations and exits, for `node dist/main.js --migrate-only` in a deploy
 * step or an init container. Messaging is not started, so no message is consumed.
 */
async function migrateAndExit(definition: ServiceDefinition): Promise<never> {
  const app = await NestFactory.createApplicationContext(definition.rootModule, {
    logger: new PinoLoggerService(definition.logger),
  });
  const applied = await runMigrations(app.get(DataSource));
  definition.logger.info({ migrations: applied }, 'Migrations applied; exiting');
  await app.close();
  process.exit(0);
}
