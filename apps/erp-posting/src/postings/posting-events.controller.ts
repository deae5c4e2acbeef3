import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { OrderCancelledEvent, OrderTaxAssessedEvent } from '@retail-sync/contracts';
import { JetStreamContext, OnEvent } from '@retail-sync/messaging';
import { CancellationPostingService } from './cancellation-posting.service.js';
import { SalePostingService } from './sale-posting.service.js';

/**
 * Consumes the events that lead to journal entries. The transport acks a batch only after its
 * unit of work commits, and each handler waits for the ERP, so a slow or throttling ERP leaves
 * the backlog in JetStream.
 */
@Controller()
export class PostingEventsController {
  constructor(
    private readonly sales: SalePostingService,
    private readonly cancellations: CancellationPostingService,
  ) {}

  @OnEvent('tax.order-tax.assessed.v1')
  async onOrderTaxAssessed(
    @Payload() event: OrderTaxAssessedEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    await this.sales.postSale(event, context.unitOfWork);
  }

  @OnEvent('orders.order.cancelled.v1')
  async onOrderCancelled(
    @Payload() event: OrderCancelledEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    const { id, envelope } = context.message;
    await this.cancellations.cancelOrder(event, id, envelope.time, context.unitOfWork);
  }
}
