import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
import { MessagingRuntime } from '@retail-sync/messaging';
import { probeOrder } from './probe-order.js';

/** Writes notes and their events in one transaction, the way a real service captures input. */
@Controller('notes')
export class ProbeProducerController {
  constructor(private readonly messaging: MessagingRuntime) {}

  @Post()
  async create(@Body() body: { labels?: unknown }): Promise<{ eventIds: string[] }> {
    const labels = body.labels;
    if (!Array.isArray(labels) || labels.some((label) => typeof label !== 'string')) {
      throw new BadRequestException('labels must be an array of strings');
    }

    const eventIds = await this.messaging.transactions.run(async (unitOfWork) => {
      const ids: string[] = [];
      for (const label of labels as string[]) {
        const id = randomUUID();
        await unitOfWork.manager.query('INSERT INTO probe_note (id, label) VALUES ($1, $2)', [
          id,
          label,
        ]);
        ids.push(
          unitOfWork.publish('channel.order.received.v1', {
            deliveryId: id,
            topic: 'created',
            receivedAt: new Date().toISOString(),
            order: probeOrder(id, label),
          }),
        );
      }

      return ids;
    });

    return { eventIds };
  }
}
