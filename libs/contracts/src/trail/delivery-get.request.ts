import { IsIn, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';

/** Asks the channel gateway for one stored webhook delivery, for an order's trail. */
export class DeliveryGetRequest {
  @IsUUID()
  deliveryId: string;
}

export const DELIVERY_STATUSES = ['accepted', 'exception', 'ignored'] as const;

export class DeliveryGetReply {
  @IsUUID()
  deliveryId: string;

  @IsString()
  channel: string;

  @IsString()
  shopId: string;

  @IsString()
  topic: string;

  @IsOptional()
  @IsString()
  webhookId?: string;

  @IsOptional()
  @IsString()
  eventId?: string;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  triggeredAt?: string;

  @IsIn(DELIVERY_STATUSES)
  status: (typeof DELIVERY_STATUSES)[number];

  @IsOptional()
  @IsString()
  orderExternalId?: string;

  @IsOptional()
  @IsString()
  traceId?: string;

  /** SHA-256 of the raw body, hex; the body itself stays in the gateway. */
  @IsString()
  bodySha256: string;
}
