import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

const BURST = 400;

describe('graceful shutdown', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (
      await pair.createConsumer({ PROBE_HANDLER_DELAY_MS: '5', CONSUMER_MAX_BATCH: '25' })
    ).start();
    await (await pair.createProducer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('SIGTERM during a burst loses and repeats nothing', async () => {
    const labels = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
    const eventIds = [
      ...(await pair.postNotes(labels.slice(0, BURST / 2))),
      ...(await pair.postNotes(labels.slice(BURST / 2))),
    ];
    await waitFor(async () => (await pair.effectCounts()).size >= 40, { label: 'burst under way' });

    const startedAt = Date.now();
    const consumerExit = await pair.consumer.terminate();
    const stopMillis = Date.now() - startedAt;
    const producerExit = await pair.producer.terminate();
    const processedBeforeStop = (await pair.effectCounts()).size;

    expect(consumerExit).toBe(0);
    expect(producerExit).toBe(0);
    expect(stopMillis).toBeLessThan(20_000);
    expect(processedBeforeStop).toBeLessThan(BURST);

    await (
      await pair.createConsumer({ PROBE_HANDLER_DELAY_MS: '0', CONSUMER_MAX_BATCH: '25' })
    ).start();
    await (await pair.createProducer()).start();
    await waitFor(async () => (await pair.effectCounts()).size === BURST, {
      label: 'all effects',
      timeoutMs: 60_000,
    });
    const counts = await pair.effectCounts();
    const repeated = eventIds.filter((id) => counts.get(id) !== 1);

    expect(repeated).toEqual([]);
    expect(await pair.unpublishedOutboxRows()).toBe(0);
  });
});
