import { JetStreamApiError } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { isMissingBlockFailure, UnwritableStreams } from './unwritable-streams.js';

describe('isMissingBlockFailure', () => {
  it('accepts a missing message block', () => {
    const error = new JetStreamApiError({
      code: 503,
      err_code: 10077,
      description: 'Error creating msg block file [""]: open .../msgs/2.blk: no such file',
    });

    expect(isMissingBlockFailure(error)).toBe(true);
  });

  it('rejects other store failures', () => {
    const closed = new JetStreamApiError({
      code: 503,
      err_code: 10077,
      description: 'store closed',
    });

    expect(isMissingBlockFailure(closed)).toBe(false);
  });

  it('rejects other errors', () => {
    const notFound = new JetStreamApiError({
      code: 404,
      err_code: 10059,
      description: 'not found',
    });

    expect(isMissingBlockFailure(notFound)).toBe(false);
    expect(isMissingBlockFailure(new Error('no responders'))).toBe(false);
  });
});

describe('UnwritableStreams', () => {
  it('names a stream failing over the limit', () => {
    const streams = new UnwritableStreams(1_000);
    streams.recordFailure('ORDERS', 0);
    streams.recordFailure('ORDERS', 500);

    expect(streams.takeDue(999)).toEqual([]);

    streams.recordFailure('ORDERS', 1_000);

    expect(streams.takeDue(1_000)).toEqual(['ORDERS']);
    expect(streams.takeDue(5_000)).toEqual([]);
  });

  it('needs three failures', () => {
    const streams = new UnwritableStreams(1_000);
    streams.recordFailure('ORDERS', 0);
    streams.recordFailure('ORDERS', 2_000);

    expect(streams.takeDue(60_000)).toEqual([]);
  });

  it('forgets failures after a success', () => {
    const streams = new UnwritableStreams(1_000);
    streams.recordFailure('TAX', 0);
    streams.recordFailure('TAX', 500);
    streams.recordSuccess('TAX');
    streams.recordFailure('TAX', 1_000);

    expect(streams.takeDue(10_000)).toEqual([]);
  });

  it('doubles the wait between repairs', () => {
    const streams = new UnwritableStreams(1_000);
    const failFrom = (start: number) => {
      for (const offset of [0, 500, 1_000]) {
        streams.recordFailure('ERP', start + offset);
      }
    };
    failFrom(0);

    expect(streams.takeDue(1_000)).toEqual(['ERP']);

    failFrom(1_000);

    expect(streams.takeDue(2_000)).toEqual([]);
    expect(streams.takeDue(3_000)).toEqual(['ERP']);
  });

  it('never names a stream when turned off', () => {
    const streams = new UnwritableStreams(0);
    for (const time of [0, 500, 1_000, 60_000]) {
      streams.recordFailure('ERP', time);
    }

    expect(streams.takeDue(60_000)).toEqual([]);
  });
});
