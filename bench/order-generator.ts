import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../test/support/service-process.js';

type ShopifyOrder = Record<string, unknown> & { id: number; line_items: { id: number }[] };

/** The consistent bundled samples used as templates for unique benchmark orders. */
const TEMPLATES = [
  'webhook_orders_create_AUD_gst_shipping_2998557704341.json',
  'webhook_orders_create_multicurrency_shop_AUD_presentment_USD_2998548365461.json',
  'rest_order_1073459962_multi_tax_lines_state_county.json',
  'rest_order_1073459981_line_discount.json',
];

function loadTemplates(): ShopifyOrder[] {
  return TEMPLATES.map((file) => {
    const parsed = JSON.parse(
      readFileSync(resolve(REPOSITORY_ROOT, 'samples/shopify', file), 'utf8'),
    ) as { order?: ShopifyOrder };

    return parsed.order ?? (parsed as unknown as ShopifyOrder);
  });
}

/** Produces unique orders: a template's figures with a new order id, name and line ids. */
export class OrderGenerator {
  private readonly templates = loadTemplates();
  private sequence = 0;

  constructor(private readonly idBase: number) {}

  next(): ShopifyOrder {
    const template = this.templates[this.sequence % this.templates.length];
    this.sequence += 1;
    const id = this.idBase + this.sequence;

    return {
      ...template,
      id,
      name: `#B${this.sequence}`,
      line_items: template.line_items.map((line, index) => ({ ...line, id: id * 10 + index })),
    };
  }
}
