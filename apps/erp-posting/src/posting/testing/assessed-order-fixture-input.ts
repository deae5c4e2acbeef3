import type { AssessedLine, PaymentTransaction, SalesChannel } from '@retail-sync/contracts';

/** A shop-currency decimal string, or the shop and presentment amounts of one value. */
export type FixtureAmount = string | { shop: string; presentment: string };

export interface FixtureTaxInput {
  amount: FixtureAmount;
  jurisdiction?: string;
  taxCode?: string;
  title?: string;
  rate?: string;
  liabilityAccount?: string;
}

export interface FixtureLineInput {
  kind?: AssessedLine['kind'];
  title?: string;
  gross: FixtureAmount;
  /** Defaults to zero, in both currencies when `gross` has a presentment amount. */
  discount?: FixtureAmount;
  /** Defaults to gross − discount, as in a shop whose prices exclude tax. */
  net?: FixtureAmount;
  taxes?: FixtureTaxInput[];
}

export interface FixtureTransactionInput {
  amount: FixtureAmount;
  gateway?: string;
  kind?: PaymentTransaction['kind'];
  status?: PaymentTransaction['status'];
  externalId?: string;
}

export interface AssessedOrderFixtureInput {
  lines: FixtureLineInput[];
  transactions?: FixtureTransactionInput[];
  /** Defaults to Σ net + Σ tax, the total of a consistent order. */
  total?: FixtureAmount;
  orderId?: string;
  orderVersion?: number;
  channel?: SalesChannel;
  shopId?: string;
  externalId?: string;
  name?: string;
  placedAt?: string;
  currency?: string;
  presentmentCurrency?: string;
  taxesIncluded?: boolean;
}
