import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import type { OrderTrail } from './order-trail.js';
import { OrderTrailService } from './order-trail.service.js';

@Controller('orders')
export class OrderTrailController {
  constructor(private readonly trails: OrderTrailService) {}

  /** Returns the order with its deliveries, tax assessment and journal entries. */
  @Get(':id/trail')
  async trail(@Param('id', ParseUUIDPipe) id: string): Promise<OrderTrail> {
    const trail = await this.trails.trail(id);
    if (trail === undefined) {
      throw new NotFoundException(`Order ${id} not found`);
    }

    return trail;
  }
}
