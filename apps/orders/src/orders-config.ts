import { fileURLToPath } from 'node:url';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@retail-sync/service-kit';

/** The bundled mapping file, found relative to this module in both `src` and `dist`. */
const BUNDLED_SKU_MAPPINGS = fileURLToPath(new URL('../config/sku-mappings.json', import.meta.url));

export class OrdersConfig extends BaseServiceConfig {
  override DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/retail_sync_orders';

  override PORT: number = 3001;

  /** Canonical SKU of lines that carry neither a variant id nor a channel SKU. */
  @IsString()
  @IsNotEmpty()
  CUSTOM_ITEM_SKU: string = 'CUSTOM-ITEM';

  /** Canonical SKU of gift card lines, whatever their variant or channel SKU. */
  @IsString()
  @IsNotEmpty()
  GIFT_CARD_SKU: string = 'GIFT-CARD';

  /** JSON file of SKU mappings upserted at every start, in the format of config/sku-mappings.json. */
  @IsString()
  @IsNotEmpty()
  SKU_MAPPINGS_FILE: string = BUNDLED_SKU_MAPPINGS;

  /**
   * How far in the future an order's `updated_at` may lie, in seconds. A later time is raised as
   * an exception, because it would make every real update look stale.
   */
  @IsInt()
  @Min(0)
  ORDER_MAX_FUTURE_SKEW_SECONDS: number = 3_600;

  /** Timeout of each request the order trail makes to another service, in milliseconds. */
  @IsInt()
  @Min(50)
  @Max(30_000)
  TRAIL_REQUEST_TIMEOUT_MS: number = 1_000;
}
