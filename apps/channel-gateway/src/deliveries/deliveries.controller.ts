import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  UseGuards,
} from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DeliveryGetReply, DeliveryGetRequest } from '@retail-sync/contracts';
import { NatsRequestContext, OnRequest, PermanentError } from '@retail-sync/messaging';
import { AdminTokenGuard } from '@retail-sync/messaging';
import { toDeliveryGetReply } from './delivery-reply.js';
import { WebhookDeliveryRepository } from './webhook-delivery.repository.js';

/** A stored delivery as `GET /deliveries/:id` returns it. */
export interface DeliveryView extends DeliveryGetReply {
  headers: Record<string, string>;
  /** The raw body as UTF-8 text, only with `?include=body`; null when it was not kept. */
  body?: string | null;
}

/** Serves stored webhook deliveries to people over HTTP and to other services by request. */
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  /** Returns a delivery's metadata; its raw body, which contains personal data, only on request. */
  @Get(':id')
  @UseGuards(AdminTokenGuard)
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('include') include?: string,
  ): Promise<DeliveryView> {
    if (include !== undefined && include !== 'body') {
      throw new BadRequestException(`include must be "body" or left out, got "${include}"`);
    }

    if (include === 'body') {
      const delivery = await this.deliveries.findWithBody(id);
      if (!delivery) {
        throw new NotFoundException(`Delivery ${id} not found`);
      }

      return {
        ...toDeliveryGetReply(delivery),
        headers: delivery.headers,
        body: delivery.rawBody?.toString('utf8') ?? null,
      };
    }

    const delivery = await this.deliveries.findMetadata(id);
    if (!delivery) {
      throw new NotFoundException(`Delivery ${id} not found`);
    }

    return { ...toDeliveryGetReply(delivery), headers: delivery.headers };
  }

  @OnRequest('channel.delivery.get.v1')
  async getForTrail(
    @Payload() request: DeliveryGetRequest,
    @Ctx() _context: NatsRequestContext,
  ): Promise<DeliveryGetReply> {
    const delivery = await this.deliveries.findMetadata(request.deliveryId);
    if (!delivery) {
      throw new PermanentError(
        `Delivery ${request.deliveryId} not found in the channel gateway`,
        'channel.delivery-not-found',
      );
    }

    return toDeliveryGetReply(delivery);
  }
}
