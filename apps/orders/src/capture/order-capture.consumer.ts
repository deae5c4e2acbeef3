import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ChannelOrderReceivedEvent } from '@retail-sync/contracts';
import { JetStreamContext, OnEvent } from '@retail-sync/messaging';
import { OrderCaptureService } from './order-capture.service.js';

/** Captures every order version the channel gateway received. */
@Controller()
export class OrderCaptureConsumer {
  constructor(private readonly capture: OrderCaptureService) {}

  @OnEvent('channel.order.received.v1')
  async onOrderReceived(
    @Payload() event: ChannelOrderReceivedEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    await this.capture.capture(event, context.unitOfWork);
  }
}
