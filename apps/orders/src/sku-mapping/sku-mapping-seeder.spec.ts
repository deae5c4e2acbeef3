import 'reflect-metadata';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CanonicalOrder, OrderLine } from '@retail-sync/contracts';
import { describe, expect, it } from 'vitest';
import { mapOrderSkus, type SkuMappingEntry } from './sku-mapper.js';
import { readMappingFile } from './sku-mapping-seeder.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const BUNDLED_FILE = join(ROOT, 'apps/orders/config/sku-mappings.json');
const FIXED = { customItemSku: 'CUSTOM-ITEM', giftCardSku: 'GIFT-CARD' };

interface RawLineItem {
  id: number;
  variant_id?: number | null;
  sku?: string | null;
  gift_card?: boolean;
}

/** Finds every order in a sample: an object with line items and a total price. */
function rawOrders(value: unknown): { line_items: RawLineItem[] }[] {
  if (Array.isArray(value)) {
    return value.flatMap(rawOrders);
  }

  if (typeof value !== 'object' || value === null) {
    return [];
  }

  const record = value as Record<string, unknown>;
  if (Array.isArray(record.line_items) && 'total_price' in record) {
    return [record as unknown as { line_items: RawLineItem[] }];
  }

  return Object.values(record).flatMap(rawOrders);
}

/** Translates the fields of a Shopify line item that SKU mapping reads, as the gateway does. */
function canonicalLine(item: RawLineItem): OrderLine {
  return {
    externalLineId: String(item.id),
    title: '',
    quantity: 1,
    unitPrice: { shop: { amount: '0.00', currency: 'USD' } },
    discountAllocations: [],
    taxLines: [],
    taxable: true,
    giftCard: item.gift_card === true,
    ...(item.variant_id == null ? {} : { variantId: String(item.variant_id) }),
    ...(item.sku ? { channelSku: item.sku } : {}),
  };
}

async function sampleFiles(): Promise<{ file: string; shopId: string }[]> {
  const samples = (await readdir(join(ROOT, 'samples/shopify')))
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      file: join(ROOT, 'samples/shopify', name),
      shopId: 'demo-shop.myshopify.com',
    }));
  const cases = (await readdir(join(ROOT, 'test/fixtures/cases'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => ({
      file: join(ROOT, 'test/fixtures/cases', name, 'input.json'),
      shopId: 'example-shop.myshopify.com',
    }));

  return [...samples, ...cases];
}

describe('bundled SKU mappings', () => {
  it('map every bundled sample line', async () => {
    const mappings = await readMappingFile(BUNDLED_FILE);
    let lineCount = 0;

    for (const { file, shopId } of await sampleFiles()) {
      const entries: SkuMappingEntry[] = mappings
        .filter((mapping) => mapping.channel === 'shopify' && mapping.shopId === shopId)
        .map((mapping) => ({
          variantId: mapping.variantId ?? null,
          channelSku: mapping.channelSku ?? null,
          sku: mapping.sku,
        }));
      const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
      for (const order of rawOrders(raw)) {
        const canonical = { lines: order.line_items.map(canonicalLine) } as CanonicalOrder;

        const result = mapOrderSkus(canonical, entries, FIXED);

        expect(result.unmapped, file).toEqual([]);
        lineCount += order.line_items.length;
      }
    }

    expect(lineCount).toBeGreaterThan(20);
  });
});

describe('readMappingFile', () => {
  async function writeTemp(content: string): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), 'sku-mappings-'));
    const file = join(directory, 'mappings.json');
    await writeFile(file, content);

    return file;
  }

  it('rejects a mapping without a source', async () => {
    const file = await writeTemp(
      JSON.stringify({ mappings: [{ channel: 'shopify', shopId: 's', sku: 'X' }] }),
    );

    await expect(readMappingFile(file)).rejects.toThrow(
      'mappings[0]: variantId or channelSku is missing',
    );
  });

  it('rejects unknown fields', async () => {
    const file = await writeTemp(
      JSON.stringify({
        mappings: [{ channel: 'shopify', shopId: 's', variantId: '1', sku: 'X', price: 1 }],
      }),
    );

    await expect(readMappingFile(file)).rejects.toThrow('property price should not exist');
  });

  it('rejects a missing file', async () => {
    await expect(readMappingFile('/nonexistent/mappings.json')).rejects.toThrow(
      'Cannot read the SKU mapping file /nonexistent/mappings.json',
    );
  });
});
