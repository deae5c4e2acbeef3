import { IsInt, IsUUID, Min } from 'class-validator';
import { CanonicalOrder } from './canonical-order.js';
import { IsExternalId, Nested } from '../validation/decorators.js';

/** One stored version of an order, as the orders service publishes it. */
export class OrderVersionPayload {
  @IsUUID()
  orderId: string;

  /** Increases by one with each accepted change of the order. */
  @IsInt()
  @Min(1)
  version: number;

  @IsExternalId()
  deliveryId: string;

  @Nested(() => CanonicalOrder)
  order: CanonicalOrder;
}
