import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from '../../support/database.js';
import { waitFor } from '../../support/wait-for.js';
import { ProbePair } from './probe-pair.js';

interface ExceptionRow {
  id: string;
  messageId: string;
  errorClass: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  traceId: string | null;
  status: string;
  firstSeenAt: string;
  lastSeenAt: string;
  envelope: unknown;
}

describe('failure handling', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (await pair.createConsumer({ CONSUMER_BACKOFF_INITIAL_MS: '300' })).start();
    await (await pair.createProducer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('retries a transient failure with back-off', async () => {
    const [eventId] = await pair.postNotes(['transient-2']);

    await waitFor(async () => (await pair.effectCounts()).get(eventId) === 1, { label: 'effect' });
    const attempts = await queryDatabase<{ delivery_count: number; attempted_at: Date }>(
      pair.consumerDatabase,
      'SELECT delivery_count, attempted_at FROM probe_attempt WHERE event_id = $1 ORDER BY attempted_at',
      [eventId],
    );
    const effects = await queryDatabase<{ delivery_count: number }>(
      pair.consumerDatabase,
      'SELECT delivery_count FROM probe_effect WHERE event_id = $1',
      [eventId],
    );

    expect(attempts.map((attempt) => attempt.delivery_count)).toEqual([1, 2, 3]);
    expect(effects).toEqual([{ delivery_count: 3 }]);
    const firstGap = attempts[1].attempted_at.getTime() - attempts[0].attempted_at.getTime();
    const secondGap = attempts[2].attempted_at.getTime() - attempts[1].attempted_at.getTime();
    // Back-off doubles: about 300 ms, then about 600 ms.
    expect(firstGap).toBeGreaterThanOrEqual(250);
    expect(secondGap).toBeGreaterThanOrEqual(550);
  });

  it('records a permanent failure and keeps the stream flowing', async () => {
    const [before, poison, after] = await pair.postNotes([
      'plain-before',
      'permanent-a',
      'plain-after',
    ]);

    await waitFor(
      async () => {
        const counts = await pair.effectCounts();

        return counts.get(before) === 1 && counts.get(after) === 1;
      },
      { label: 'neighbours processed' },
    );
    const record = await waitFor(async () =>
      (await listOpen(pair)).find((row) => row.messageId === poison),
    );

    expect((await pair.effectCounts()).has(poison)).toBe(false);
    expect(record.errorClass).toBe('permanent');
    expect(record.errorCode).toBe('probe.unfixed');
    expect(record.errorMessage).toContain('no fix recorded for permanent-a');
    expect(record.attempts).toBe(1);
    expect(record.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.firstSeenAt).toBeTruthy();
    expect(record.lastSeenAt).toBeTruthy();
    expect(record.envelope).toMatchObject({ id: poison, type: 'channel.order.received.v1' });
  });

  it('replays an exception once after the fix', async () => {
    const [poison] = await pair.postNotes(['permanent-b']);
    const record = await waitFor(async () =>
      (await listOpen(pair)).find((row) => row.messageId === poison),
    );

    const refused = await replay(pair, record.id, 'ops@example.com');
    expect(refused.status).toBe(422);
    expect((await pair.effectCounts()).has(poison)).toBe(false);

    await fetch(`${pair.consumer.url}/fixes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'permanent-b' }),
    });
    const replayed = await replay(pair, record.id, 'ops@example.com');
    const again = await replay(pair, record.id, 'someone-else@example.com');
    const detail = (await (
      await fetch(`${pair.consumer.url}/admin/exceptions/${record.id}`)
    ).json()) as { status: string; replays: { actor: string; outcome: string }[] };

    expect(replayed.status).toBe(200);
    expect(again.status).toBe(409);
    expect((await pair.effectCounts()).get(poison)).toBe(1);
    expect(detail.status).toBe('resolved');
    expect(detail.replays.map((entry) => [entry.actor, entry.outcome])).toEqual([
      ['ops@example.com', 'failed'],
      ['ops@example.com', 'succeeded'],
      ['someone-else@example.com', 'rejected'],
    ]);
  });

  it('requires an actor for replay', async () => {
    const response = await fetch(
      `${pair.consumer.url}/admin/exceptions/00000000-0000-4000-8000-000000000000/replay`,
      { method: 'POST' },
    );

    expect(response.status).toBe(400);
  });
});

async function listOpen(pair: ProbePair): Promise<ExceptionRow[]> {
  const response = await fetch(`${pair.consumer.url}/admin/exceptions?status=open`);
  const body = (await response.json()) as { items: ExceptionRow[] };

  return body.items;
}

async function replay(pair: ProbePair, id: string, actor: string): Promise<Response> {
  return fetch(`${pair.consumer.url}/admin/exceptions/${id}/replay`, {
    method: 'POST',
    headers: { 'x-actor': actor },
  });
}

describe('exception discard', () => {
  const pair = new ProbePair();

  beforeAll(async () => {
    await (await pair.createConsumer()).start();
    await (await pair.createProducer()).start();
  });

  afterAll(async () => {
    await pair.cleanUp();
  });

  it('closes a record with an audit entry', async () => {
    const [poison] = await pair.postNotes(['permanent-c']);
    const record = await waitFor(async () =>
      (await listOpen(pair)).find((row) => row.messageId === poison),
    );
    const discard = (body: unknown) =>
      fetch(`${pair.consumer.url}/admin/exceptions/${record.id}/discard`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-actor': 'ops@example.com' },
        body: JSON.stringify(body),
      });

    const withoutReason = await discard({});
    const first = await discard({ reason: 'test message, not a real order' });
    const second = await discard({ reason: 'again' });
    const detail = (await (
      await fetch(`${pair.consumer.url}/admin/exceptions/${record.id}`)
    ).json()) as { status: string; replays: { outcome: string; detail: string }[] };

    expect(withoutReason.status).toBe(400);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(detail.status).toBe('discarded');
    expect(detail.replays).toEqual([
      expect.objectContaining({ outcome: 'discarded', detail: 'test message, not a real order' }),
    ]);
  });
});
