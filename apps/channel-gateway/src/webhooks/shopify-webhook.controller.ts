import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
  type RawBodyRequest,
} from '@nestjs/common';
import { ROOT_LOGGER } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { GatewayConfig } from '../gateway-config.js';
import { verifyShopifyHmac } from '../shopify/shopify-hmac.js';
import { toOrderWebhookTopic } from '../shopify/shopify-topic.js';
import { isStaleDelivery } from './delivery-staleness.js';
import {
  ShopifyWebhookIntakeService,
  type WebhookReceipt,
} from './shopify-webhook-intake.service.js';
import type { AuthenticatedDelivery } from './webhook-delivery-row.js';
import { parseWebhookBody } from './webhook-body.js';
import {
  headersToStore,
  headerValue,
  readDeliveryHeaders,
  readShopDomain,
} from './webhook-headers.js';
import { recordRejection, type WebhookRejection } from './webhook-rejection.js';
import { WebhookSecrets } from './webhook-secrets.js';

/**
 * Receives Shopify webhooks. Checks run in this order, and a failed check stores nothing: body
 * size (413, in the raw body middleware), signature (401), required headers and age (400),
 * topic, and JSON syntax (400). A delivery of another topic is stored as ignored and acknowledged
 * with 200, so Shopify stops retrying it. A delivery that passes every check is stored and
 * acknowledged with 200 whatever its order contains.
 */
@Controller('webhooks/shopify')
export class ShopifyWebhookController {
  private readonly logger: Logger;

  constructor(
    private readonly config: GatewayConfig,
    private readonly secrets: WebhookSecrets,
    private readonly intake: ShopifyWebhookIntakeService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'shopify-webhook' });
  }

  @Post()
  @HttpCode(200)
  async receive(@Req() request: RawBodyRequest<IncomingMessage>): Promise<WebhookReceipt> {
    const receivedAt = new Date();
    const rawBody = request.rawBody ?? Buffer.alloc(0);
    const shopDomain = this.authenticate(request.headers, rawBody);
    const parsed = readDeliveryHeaders(request.headers);
    if (!parsed.ok) {
      throw this.reject(parsed.rejection, shopDomain);
    }

    const { triggeredAt } = parsed.headers;
    const maxAgeSeconds = this.config.WEBHOOK_MAX_AGE_SECONDS;
    if (isStaleDelivery(triggeredAt, receivedAt, maxAgeSeconds)) {
      const message =
        `Stale delivery: triggered at ${triggeredAt?.toISOString()}, more than ` +
        `${maxAgeSeconds} seconds ago`;
      throw this.reject({ reason: 'stale', status: 400, message }, shopDomain);
    }

    const delivery: AuthenticatedDelivery = {
      shopDomain,
      headers: parsed.headers,
      storedHeaders: headersToStore(request.headers),
      rawBody,
      receivedAt,
    };
    const topic = toOrderWebhookTopic(parsed.headers.topic);
    if (topic === null) {
      return this.intake.receiveIgnored(delivery);
    }

    const body = parseWebhookBody(rawBody);
    if (!body.ok) {
      throw this.reject(
        { reason: 'malformed-json', status: 400, message: body.message },
        shopDomain,
      );
    }

    return this.intake.receiveOrder(delivery, topic, body.value);
  }

  /** Verifies the signature with the shop's secret and returns the shop domain. */
  private authenticate(headers: IncomingHttpHeaders, rawBody: Buffer): string {
    const shopDomain = readShopDomain(headers);
    const secret = shopDomain === undefined ? undefined : this.secrets.secretFor(shopDomain);
    if (shopDomain === undefined || secret === undefined) {
      const message = 'No webhook secret applies to the X-Shopify-Shop-Domain of this delivery';
      throw this.reject({ reason: 'unknown-shop', status: 401, message }, shopDomain);
    }

    const signature = headerValue(headers, 'x-shopify-hmac-sha256');
    if (signature === undefined) {
      const message = 'Missing X-Shopify-Hmac-Sha256 header';
      throw this.reject({ reason: 'missing-signature', status: 401, message }, shopDomain);
    }

    if (!verifyShopifyHmac(rawBody, signature, secret)) {
      const message = 'Invalid X-Shopify-Hmac-Sha256 signature for this body';
      throw this.reject({ reason: 'invalid-signature', status: 401, message }, shopDomain);
    }

    return shopDomain;
  }

  /** Counts and logs a rejection, and returns the HTTP exception to throw for it. */
  private reject(rejection: WebhookRejection, shopDomain: string | undefined): Error {
    recordRejection(this.logger, rejection.reason, shopDomain);

    return rejection.status === 401
      ? new UnauthorizedException(rejection.message)
      : new BadRequestException(rejection.message);
  }
}
