import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
} from 'class-validator';
import { MoneyAmount } from '../money/money-amount.js';
import { Nested, NestedArray } from '../validation/decorators.js';

/** Asks the posting service for every journal entry posted for an order. */
export class JournalEntriesListRequest {
  @IsUUID()
  orderId: string;
}

export class JournalLineView {
  @IsInt()
  @Min(1)
  lineNo: number;

  @IsString()
  account: string;

  @IsIn(['debit', 'credit'])
  side: 'debit' | 'credit';

  @Nested(() => MoneyAmount)
  amount: MoneyAmount;

  @IsOptional()
  @Nested(() => MoneyAmount)
  presentmentAmount?: MoneyAmount;

  @IsString()
  memo: string;

  @IsOptional()
  @IsString()
  sourceLineRef?: string;
}

export class JournalEntryView {
  @IsString()
  documentId: string;

  @IsString()
  adapter: string;

  @IsString()
  idempotencyKey: string;

  @IsString()
  ruleVersion: string;

  @Matches(/^\d{4}-\d{2}$/)
  period: string;

  @IsISO8601({ strict: true })
  postingDate: string;

  @IsString()
  currency: string;

  @IsOptional()
  @IsString()
  fxRate?: string;

  @IsOptional()
  @IsString()
  traceId?: string;

  @IsOptional()
  @IsString()
  reversesDocumentId?: string;

  @NestedArray(() => JournalLineView)
  lines: JournalLineView[];
}

export class JournalEntriesListReply {
  @NestedArray(() => JournalEntryView)
  entries: JournalEntryView[];
}
