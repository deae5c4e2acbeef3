import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  UsePipes,
} from '@nestjs/common';
import { orderKey } from '@retail-sync/contracts';
import { strictValidationPipe } from '../http/strict-validation.pipe.js';
import { OrderLookupQuery } from './order-lookup.query.js';
import {
  OrderQueryRepository,
  type OrderVersionView,
  type OrderView,
} from './order-query.repository.js';

/** Reads captured orders and their version history. */
@Controller('orders')
@UsePipes(strictValidationPipe())
export class OrdersController {
  constructor(private readonly orders: OrderQueryRepository) {}

  /** Finds an order by channel, shop and the channel's order id. */
  @Get()
  async findByKey(@Query() query: OrderLookupQuery): Promise<OrderView> {
    const order = await this.orders.findByKey(query);
    if (order === undefined) {
      throw new NotFoundException(`Order ${orderKey(query)} not found`);
    }

    return order;
  }

  @Get(':id')
  async findById(@Param('id', ParseUUIDPipe) id: string): Promise<OrderView> {
    return this.requireOrder(id);
  }

  @Get(':id/versions')
  async versions(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ orderId: string; versions: OrderVersionView[] }> {
    await this.requireOrder(id);

    return { orderId: id, versions: await this.orders.versions(id) };
  }

  private async requireOrder(id: string): Promise<OrderView> {
    const order = await this.orders.findById(id);
    if (order === undefined) {
      throw new NotFoundException(`Order ${id} not found`);
    }

    return order;
  }
}
