import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { streamName } from '@retail-sync/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsServerProcess } from '../../chaos/nats-server.js';
import { freePort } from '../../support/free-port.js';
import { uniqueRunName } from '../../support/test-names.js';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

// nats-server 2.9.10 stored about 8.3 MB in the first block file of a stream without limits
// (measured here), so 600 notes with 16 kB labels need a second block file.
const LABEL_BYTES = 16_000;
const NOTES = 600;
const NOTES_PER_REQUEST = 4;

describe('unwritable stream', () => {
  let nats: NatsServerProcess;
  let pair: ProbePair;

  beforeAll(async () => {
    nats = new NatsServerProcess(await freePort(), uniqueRunName('unwritable'));
    await nats.start();
    pair = new ProbePair(nats.url);
    await (await pair.createConsumer()).start();
    await (
      await pair.createProducer({ OUTBOX_RECREATE_UNWRITABLE_STREAM_MS: '2000' })
    ).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
    await nats.dispose();
  });

  it('is recreated and rebuilt from the outbox', { timeout: 120_000 }, async () => {
    const early = await pair.postNotes(['before-1', 'before-2']);
    await waitFor(async () => (await pair.effectCounts()).size === 2, { label: 'early effects' });

    // Without its folder the stream cannot open the next block file, as when nats-server 2.9.10
    // removes a deleted stream's folder after the stream was created again under the same name.
    const folder = join(
      nats.storeDir,
      'jetstream',
      '$G',
      'streams',
      streamName(pair.run, 'CHANNEL'),
      'msgs',
    );
    expect(existsSync(folder)).toBe(true);
    rmSync(folder, { recursive: true });

    const eventIds = [...early];
    for (let start = 0; start < NOTES; start += NOTES_PER_REQUEST) {
      const labels = Array.from(
        { length: NOTES_PER_REQUEST },
        (_, offset) => `${start + offset}-`.padEnd(LABEL_BYTES, 'x'),
      );
      eventIds.push(...(await pair.postNotes(labels)));
    }

    await waitFor(async () => (await pair.effectCounts()).size === eventIds.length, {
      label: 'every effect',
      timeoutMs: 90_000,
    });
    const counts = await pair.effectCounts();

    expect(eventIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(await pair.unpublishedOutboxRows()).toBe(0);
    expect(nats.storeFailures()).toBeGreaterThan(0);
    expect(readdirSync(folder).length).toBeGreaterThan(0);
  });
});
