import { Body, Controller, Post } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { ChannelOrderReceivedEvent } from '@retail-sync/contracts';
import {
  JetStreamContext,
  MessagingRuntime,
  OnEvent,
  PermanentError,
  TransientError,
} from '@retail-sync/messaging';
import { ProbeConfig } from './probe-config.js';

/**
 * Records one effect row per handled event. Labels steer failures: `transient-N` fails
 * transiently on its first N deliveries; `permanent` fails until a fix with that label exists.
 */
@Controller()
export class ProbeConsumerController {
  constructor(
    private readonly messaging: MessagingRuntime,
    private readonly config: ProbeConfig,
  ) {}

  @OnEvent('channel.order.received.v1')
  async onOrderReceived(
    @Payload() event: ChannelOrderReceivedEvent,
    @Ctx() context: JetStreamContext,
  ): Promise<void> {
    const { manager } = context.unitOfWork;
    const { id, deliveryCount } = context.message;
    const label = event.order.name;
    const transient = /^transient-(\d+)$/.exec(label);
    if (transient) {
      // Logged outside the transaction, which a failing attempt rolls back.
      await this.messaging.dataSource.query(
        'INSERT INTO probe_attempt (event_id, delivery_count) VALUES ($1, $2)',
        [id, deliveryCount],
      );
    }

    if (transient && deliveryCount <= Number(transient[1])) {
      throw new TransientError(`probe: transient failure ${deliveryCount} of ${transient[1]}`);
    }

    if (label.startsWith('permanent')) {
      const fixed: unknown[] = await manager.query('SELECT 1 FROM probe_fix WHERE label = $1', [
        label,
      ]);
      if (fixed.length === 0) {
        throw new PermanentError(`probe: no fix recorded for ${label}`, 'probe.unfixed');
      }
    }

    if (this.config.PROBE_HANDLER_DELAY_MS > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.config.PROBE_HANDLER_DELAY_MS));
    }

    await manager.query(
      'INSERT INTO probe_effect (event_id, label, delivery_count) VALUES ($1, $2, $3)',
      [id, label, deliveryCount],
    );
  }

  @Post('fixes')
  async addFix(@Body() body: { label: string }): Promise<{ label: string }> {
    await this.messaging.dataSource.query(
      'INSERT INTO probe_fix (label) VALUES ($1) ON CONFLICT DO NOTHING',
      [body.label],
    );

    return { label: body.label };
  }
}
