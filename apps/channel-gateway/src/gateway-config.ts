import { IsInt, IsJSON, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@retail-sync/service-kit';

/** The shared secret used when none is configured. Anyone who reads this file can sign with it. */
export const DEMO_WEBHOOK_SECRET = 'demo-webhook-secret';

export class GatewayConfig extends BaseServiceConfig {
  override DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/retail_sync_gateway';

  override PORT: number = 3000;

  /**
   * Per-shop webhook secrets as a JSON object, such as `{"shop-a.myshopify.com":"…"}`. A listed
   * shop is verified with its own secret only.
   */
  @IsOptional()
  @IsJSON({ message: 'SHOPIFY_WEBHOOK_SECRETS must be a JSON object of shop domain to secret' })
  SHOPIFY_WEBHOOK_SECRETS?: string;

  /**
   * The secret for shops missing from SHOPIFY_WEBHOOK_SECRETS. The demo default applies only
   * while SHOPIFY_WEBHOOK_SECRETS is unset, and the service logs a warning at start when it does.
   */
  @IsString()
  @Matches(/\S/, { message: 'SHOPIFY_WEBHOOK_SECRET must not be blank' })
  SHOPIFY_WEBHOOK_SECRET: string = DEMO_WEBHOOK_SECRET;

  /**
   * Maximum age of a delivery by its `X-Shopify-Triggered-At`, in seconds. Shopify retries a
   * failed delivery 8 times over about 4 hours with the original payload (Shopify developer
   * changelog, 2024-09-10), so a window shorter than that would reject Shopify's own retries.
   * The default of 5 hours leaves one hour of margin.
   */
  @IsInt()
  @Min(60)
  WEBHOOK_MAX_AGE_SECONDS: number = 18_000;

  /** Maximum webhook body size in bytes; a larger body is rejected with 413 and never buffered. */
  @IsInt()
  @Min(1_024)
  @Max(64 * 1_048_576)
  WEBHOOK_MAX_BODY_BYTES: number = 1_048_576;
}
