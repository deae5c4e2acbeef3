import { IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MoneyAmount } from '../money/money-amount.js';
import { IsExternalId, Nested } from '../validation/decorators.js';

/** The ERP system and its id for a posted document. */
export class ErpDocumentRef {
  /** The adapter that posted it (`builtin-ledger`, or a vendor ERP adapter's name). */
  @IsString()
  adapter: string;

  @IsExternalId()
  id: string;
}

/** A journal entry reached the ERP; carries the ERP's document reference. */
export class JournalEntryPostedEvent {
  @IsUUID()
  orderId: string;

  /** The posted document, e.g. `order:shopify:shop.myshopify.com:450789469`. */
  @IsExternalId()
  sourceDocument: string;

  @IsString()
  ruleVersion: string;

  @Nested(() => ErpDocumentRef)
  erpDocument: ErpDocumentRef;

  @Matches(/^\d{4}-\d{2}$/)
  period: string;

  @IsISO8601({ strict: true })
  postedAt: string;

  /** Sum of the entry's debits in the shop currency. */
  @Nested(() => MoneyAmount)
  total: MoneyAmount;

  @IsOptional()
  @IsString()
  reversesDocumentId?: string;
}
