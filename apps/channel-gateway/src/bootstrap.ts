import { Module } from '@nestjs/common';
import { createLogger } from '@retail-sync/observability';
import {
  ServiceCoreModule,
  exitOnSignals,
  loadConfig,
  startService,
} from '@retail-sync/service-kit';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { AdminTokenGuard } from '@retail-sync/messaging';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository.js';
import { GatewayConfig } from './gateway-config.js';
import { CreateWebhookDelivery1764850000000 } from './schema/create-webhook-delivery.migration.js';
import { createRawBodyMiddleware } from './webhooks/raw-body.middleware.js';
import { ShopifyWebhookIntakeService } from './webhooks/shopify-webhook-intake.service.js';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller.js';
import { readShopDomain } from './webhooks/webhook-headers.js';
import { recordRejection } from './webhooks/webhook-rejection.js';
import { WebhookReplayService } from './webhooks/webhook-replay.service.js';
import { WebhookSecrets } from './webhooks/webhook-secrets.js';

const SERVICE_NAME = 'channel-gateway';
const SHOPIFY_WEBHOOK_PATH = '/webhooks/shopify';

export async function bootstrap(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  const secrets = WebhookSecrets.fromConfig(config);
  if (secrets.usesDemoSecret) {
    logger.warn(
      'Shopify webhooks are verified with the public demo secret; set SHOPIFY_WEBHOOK_SECRETS ' +
        'or SHOPIFY_WEBHOOK_SECRET before receiving real deliveries',
    );
  }

  @Module({
    imports: [
      ServiceCoreModule.forRoot({
        serviceName: SERVICE_NAME,
        config,
        logger,
        entities: [],
        migrations: [CreateWebhookDelivery1764850000000],
      }),
    ],
    controllers: [ShopifyWebhookController, DeliveriesController],
    providers: [
      { provide: GatewayConfig, useValue: config },
      { provide: WebhookSecrets, useValue: secrets },
      WebhookDeliveryRepository,
      ShopifyWebhookIntakeService,
      WebhookReplayService,
      AdminTokenGuard,
    ],
  })
  class GatewayModule {}

  const rejectionLogger = logger.child({ component: 'shopify-webhook' });
  const service = await startService({
    serviceName: SERVICE_NAME,
    config,
    logger,
    rootModule: GatewayModule,
    // Registered before Nest's JSON parser, which then skips the body this middleware has read.
    configureHttp: (app) => {
      app.use(
        SHOPIFY_WEBHOOK_PATH,
        createRawBodyMiddleware(config.WEBHOOK_MAX_BODY_BYTES, (request) =>
          recordRejection(rejectionLogger, 'payload-too-large', readShopDomain(request.headers)),
        ),
      );
    },
  });
  logger.info(
    {
      shopsWithOwnSecret: secrets.shopCount,
      maxAgeSeconds: config.WEBHOOK_MAX_AGE_SECONDS,
      maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
    },
    'Shopify webhook intake ready',
  );
  exitOnSignals(service, logger);
}
