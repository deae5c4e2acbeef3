import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsExternalId, SALES_CHANNELS, type SalesChannel } from '@retail-sync/contracts';

/** A mapping from a channel's variant id, SKU or both to the retailer's canonical SKU. */
export class SkuMappingInput {
  @IsIn(SALES_CHANNELS)
  channel: SalesChannel;

  @IsExternalId()
  shopId: string;

  @IsOptional()
  @IsExternalId()
  variantId?: string;

  @IsOptional()
  @IsExternalId()
  channelSku?: string;

  /** The retailer's canonical SKU. */
  @IsExternalId()
  sku: string;
}

/** Returns why a mapping input has nothing to match on, or undefined when it is usable. */
export function mappingSourceProblem(input: SkuMappingInput): string | undefined {
  if (input.variantId !== undefined || input.channelSku !== undefined) {
    return undefined;
  }

  return 'variantId or channelSku is missing. Give the variant id, the channel SKU or both.';
}

export class SkuMappingQuery {
  @IsIn(SALES_CHANNELS)
  channel: SalesChannel;

  @IsExternalId()
  shopId: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit = 200;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

/** A stored mapping as the API returns it. */
export interface SkuMappingView {
  id: string;
  channel: SalesChannel;
  shopId: string;
  variantId: string | null;
  channelSku: string | null;
  sku: string;
  createdAt: Date;
}
