import { IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MoneyAmount } from '../money/money-amount.js';
import { IsExternalId, Nested } from '../validation/decorators.js';

/**
 * A journal entry reached the ERP (first version). Superseded by v2, which names the adapter that
 * issued the document id; v1 messages still in a stream keep parsing with this class.
 */
export class JournalEntryPostedV1Event {
  @IsUUID()
  orderId: string;

  /** The posted document, e.g. `order:shopify:shop.myshopify.com:450789469`. */
  @IsExternalId()
  sourceDocument: string;

  @IsString()
  ruleVersion: string;

  @IsExternalId()
  documentId: string;

  @Matches(/^\d{4}-\d{2}$/)
  period: string;

  @IsISO8601({ strict: true })
  postedAt: string;

  @Nested(() => MoneyAmount)
  total: MoneyAmount;

  @IsOptional()
  @IsString()
  reversesDocumentId?: string;
}
