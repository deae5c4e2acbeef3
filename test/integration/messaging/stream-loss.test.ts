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
  });
});
