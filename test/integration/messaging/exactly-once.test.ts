import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createEnvelope } from '@retail-sync/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../../support/database.js';
import { NATS_URL } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

describe('exactly-once effects', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (await pair.createConsumer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('relay killed between publish and mark applies once', async () => {
    const crashing = await pair.createProducer({ FAULT_RELAY_EXIT_AFTER_PUBLISH: 'true' });
    await crashing.start();
    const eventIds = await pair.postNotes(Array.from({ length: 20 }, (_, i) => `crash-${i}`));

    const exitCode = await crashing.waitForExit(15_000);
    expect(exitCode).toBe(137);
    // The process died after JetStream accepted the batch and before the rows were marked.
    expect(await pair.unpublishedOutboxRows()).toBe(20);
    await waitFor(async () => (await pair.effectCounts()).size === 20, { label: 'first effects' });

    const restarted = await pair.createProducer();
    await restarted.start();
    await waitFor(async () => (await pair.unpublishedOutboxRows()) === 0, {
      label: 'outbox republished',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const counts = await pair.effectCounts();

    for (const id of eventIds) {
      expect(counts.get(id), `effects of ${id}`).toBe(1);
    }

    await restarted.terminate();
  });

  it('same event delivered three times has one effect', async () => {
    const connection = await connect({ servers: NATS_URL });
    const envelope = createEnvelope({
      type: 'channel.order.received.v1',
      source: '/test',
      data: {
        deliveryId: 'delivery-3x',
        topic: 'created',
        receivedAt: new Date().toISOString(),
        order: (await import('../../probe-service/src/probe-order.js')).probeOrder(
          '3x',
          'three-times',
        ),
      },
    });
    const js = jetstream(connection);
    // Distinct Nats-Msg-Id values defeat the stream's duplicate window, so only the
    // consumer's inbox prevents three effects.
    for (const copy of [1, 2, 3]) {
      await js.publish(`${pair.run}.channel.order.received.v1`, JSON.stringify(envelope), {
        msgID: `${envelope.id}-${copy}`,
      });
    }

    await connection.close();
    await waitFor(async () => (await pair.effectCounts()).has(envelope.id), { label: 'effect' });
    await waitFor(
      async () => {
        const rows = await queryDatabase<{ count: string }>(
          pair.consumerDatabase,
          'SELECT count(*) AS count FROM inbox_message WHERE message_id = $1',
          [envelope.id],
        );

        return rows[0].count === '1';
      },
      { label: 'inbox row' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect((await pair.effectCounts()).get(envelope.id)).toBe(1);
  });
});
