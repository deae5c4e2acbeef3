import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EVENT_CATALOG, REQUEST_CATALOG } from '@retail-sync/contracts';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderAsyncApiDocument } from '../../../scripts/asyncapi-document.js';

const COMMITTED = resolve(import.meta.dirname, '../../../docs/asyncapi.yaml');

describe('AsyncAPI document', () => {
  it('matches the contract catalog', async () => {
    const committed = await readFile(COMMITTED, 'utf8');

    // Stale means a contract changed without `npm run asyncapi`; regenerate and commit.
    expect(committed).toBe(renderAsyncApiDocument());
  });

  it('has a channel for every subject', async () => {
    const document = parse(await readFile(COMMITTED, 'utf8')) as {
      asyncapi: string;
      channels: Record<string, { address: string }>;
    };
    const addresses = Object.values(document.channels).map((channel) => channel.address);

    expect(document.asyncapi).toBe('3.0.0');
    for (const subject of Object.keys(EVENT_CATALOG)) {
      expect(addresses).toContain(`{namespace}.${subject}`);
    }

    for (const subject of Object.keys(REQUEST_CATALOG)) {
      expect(addresses).toContain(`{namespace}.rpc.${subject}`);
    }
  });
});
