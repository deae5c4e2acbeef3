import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OrderCapturedEvent, OrderUpdatedEvent } from '@retail-sync/contracts';
import { JetStreamContext, OnEvent } from '@retail-sync/messaging';
import { OrderVersionAssessor } from './order-version-assessor.service.js';

/** Assesses tax for every captured or updated order version. */
@Controller()
export class OrderEventsController {
  constructor(private readonly assessor: OrderVersionAssessor) {}

  @OnEvent('orders.order.captured.v1')
  async onOrderCaptured(
    @Payload() event: OrderCapturedEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    await this.assessor.assess(event, context.unitOfWork);
  }

  @OnEvent('orders.order.updated.v1')
  async onOrderUpdated(
    @Payload() event: OrderUpdatedEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    await this.assessor.assess(event, context.unitOfWork);
  }
}
