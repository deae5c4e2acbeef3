import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { JournalEntriesListReply, JournalEntriesListRequest } from '@retail-sync/contracts';
import { MessagingRuntime, NatsRequestContext, OnRequest } from '@retail-sync/messaging';
import { isUUID } from 'class-validator';
import { ERP_ADAPTER, type ErpAdapter } from '../erp/erp-adapter.js';
import { toJournalEntriesListReply, type LedgerEntry } from '../ledger/ledger-entry.js';
import { listPostedEntries } from '../postings/posted-entries.js';

/**
 * Lists an order's journal entries line by line, over HTTP and request-reply. The built-in ledger
 * reads them from its own tables. For other ERPs the service rebuilds them from its posting
 * records.
 */
@Controller('journal-entries')
export class JournalEntriesController {
  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    private readonly messaging: MessagingRuntime,
  ) {}

  @Get()
  async list(@Query('orderId') orderId?: string): Promise<{ entries: LedgerEntry[] }> {
    if (orderId === undefined || !isUUID(orderId)) {
      throw new BadRequestException(
        `orderId must be the order's UUID, e.g. /journal-entries?orderId=<uuid>; got ${JSON.stringify(orderId ?? null)}`,
      );
    }

    return { entries: await this.entriesOf(orderId) };
  }

  @OnRequest('erp.journal-entries.list.v1')
  async listForRequest(
    @Payload() request: JournalEntriesListRequest,
    @Ctx() _context: NatsRequestContext,
  ): Promise<JournalEntriesListReply> {
    return toJournalEntriesListReply(await this.entriesOf(request.orderId));
  }

  private entriesOf(orderId: string): Promise<LedgerEntry[]> {
    return this.erp.listByOrder
      ? this.erp.listByOrder(orderId)
      : listPostedEntries(this.messaging.dataSource, orderId);
  }
}
