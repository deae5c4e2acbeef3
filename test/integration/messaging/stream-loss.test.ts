import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

describe('stream loss', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (
      await pair.createConsumer({ PROBE_HANDLER_DELAY_MS: '5', CONSUMER_MAX_BATCH: '20' })
    ).start();
    await (await pair.createProducer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('rebuilds deleted streams from the outbox', async () => {
    const before = await pair.postNotes(Array.from({ length: 300 }, (_, i) => `before-${i}`));
    await waitFor(async () => (await pair.effectCounts()).size >= 20, { label: 'some effects' });

    // Messages still in the deleted stream are lost from JetStream; only the outbox has them.
    await deleteNamespaceStreams(pair.run);
    const after = await pair.postNotes(Array.from({ length: 100 }, (_, i) => `after-${i}`));
    await waitFor(async () => (await pair.effectCounts()).size === 400, {
      label: 'all effects',
      timeoutMs: 60_000,
    });
    const counts = await pair.effectCounts();
    const wrong = [...before, ...after].filter((id) => counts.get(id) !== 1);

    expect(wrong).toEqual([]);
    // The consumer's durable consumer vanished with the streams while it was consuming; it must
    // rebuild it, not exit with an unhandled rejection.
    expect(pair.consumer.running).toBe(true);
    expect(pair.producer.running).toBe(true);
  });
});

describe('stream loss while the publisher is down', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (await pair.createProducer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('republishes at the next start', async () => {
    // No consumer yet: the events wait in the stream, which is then lost while the producer
    // is stopped, so only its outbox still has them.
    const eventIds = await pair.postNotes(Array.from({ length: 50 }, (_, i) => `down-${i}`));
    await waitFor(async () => (await pair.unpublishedOutboxRows()) === 0, { label: 'published' });
    await pair.producer.terminate();
    await deleteNamespaceStreams(pair.run);

    await (await pair.createProducer()).start();
    await (await pair.createConsumer()).start();
    await waitFor(async () => (await pair.effectCounts()).size === 50, {
      label: 'all effects',
      timeoutMs: 30_000,
    });
    const counts = await pair.effectCounts();

    expect(eventIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
  });
});
