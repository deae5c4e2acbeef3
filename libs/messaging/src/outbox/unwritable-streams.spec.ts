import { JetStreamApiError } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { isStoreFailure, UnwritableStreams } from './unwritable-streams.js';

describe('isStoreFailure', () => {
  it('accepts the store-failed error code', () => {
    const error = new JetStreamApiError({
      code: 503,
      err_code: 10077,
      description: 'Error creating msg block file',
    });

    expect(isStoreFailure(error)).toBe(true);
  });

  it('rejects other JetStream errors', () => {
    const error = new JetStreamApiError({ code: 404, err_code: 10059, description: 'not found' });

    expect(isStoreFailure(error)).toBe(false);
    expect(isStoreFailure(new Error('no responders'))).toBe(false);
  });
});

describe('UnwritableStreams', () => {
  it('names a stream after the limit', () => {
    const streams = new UnwritableStreams(1_000);
    streams.recordFailure('ORDERS', 0);
    streams.recordFailure('ORDERS', 900);

    expect(streams.takeDue(999)).toEqual([]);
    expect(streams.takeDue(1_000)).toEqual(['ORDERS']);
    expect(streams.takeDue(5_000)).toEqual([]);
  });

  it('forgets failures after a clear', () => {
    const streams = new UnwritableStreams(1_000);
    streams.recordFailure('TAX', 0);
    streams.clear();

    expect(streams.takeDue(10_000)).toEqual([]);
  });

  it('never names a stream when turned off', () => {
    const streams = new UnwritableStreams(0);
    streams.recordFailure('ERP', 0);

    expect(streams.takeDue(60_000)).toEqual([]);
  });
});
