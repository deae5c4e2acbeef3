import { IsIn } from 'class-validator';
import { IsExternalId, SALES_CHANNELS, type SalesChannel } from '@retail-sync/contracts';

/** Finds an order by the key the channel gave it. */
export class OrderLookupQuery {
  @IsIn(SALES_CHANNELS)
  channel: SalesChannel;

  @IsExternalId()
  shopId: string;

  @IsExternalId()
  externalId: string;
}
