import { Inject, Injectable } from '@nestjs/common';
import { orderKey, type OrderCancelledEvent } from '@retail-sync/contracts';
import type { UnitOfWork } from '@retail-sync/messaging';
import { ROOT_LOGGER, activeTraceId } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { ERP_ADAPTER, type ErpAdapter } from '../erp/erp-adapter.js';
import { buildReversalEntry } from '../posting/cancellation-posting-rule.js';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import { toPostingDate } from '../posting/order-sale-posting-rule.js';
import { applyPostingRule } from './posting-failures.js';
import { recordUnrecordedEntries } from './unrecorded-entries.js';
import { recordPostedEntries, type PostedEntry } from './posting-recorder.js';
import {
  findPostedSettlement,
  findPostingStatus,
  lockOrder,
  recordPendingCancellation,
} from './posting-store.js';

const DEFAULT_CANCEL_REASON = 'order cancelled';

/**
 * Reverses the posted sale and payment entries of a cancelled order once, or, when no sale is
 * posted yet, records the cancellation so the sale is never posted. Either delivery order ends
 * with the same ledger.
 */
@Injectable()
export class CancellationPostingService {
  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async cancelOrder(
    event: OrderCancelledEvent,
    messageId: string,
    messageTime: string,
    unitOfWork: UnitOfWork,
  ): Promise<void> {
    const { manager } = unitOfWork;
    const { order } = event;
    const reason = order.cancelReason?.trim() || DEFAULT_CANCEL_REASON;
    const cancelledAt = order.cancelledAt ?? messageTime;
    await lockOrder(manager, event.orderId);
    await recordUnrecordedEntries(this.erp, unitOfWork, event.orderId, this.logger);
    // Payment entries are reversed with the sale, so a paid order's settlement is undone too.
    const settlement = await findPostedSettlement(manager, event.orderId);
    if (!settlement.some((entry) => entry.kind === 'sale')) {
      await recordPendingCancellation(manager, {
        orderId: event.orderId,
        sourceDocument: `order:${orderKey(order)}`,
        orderVersion: event.version,
        cancelledAt: order.cancelledAt,
        reason,
        messageId,
      });
      this.logger.info(
        { orderId: event.orderId },
        'Order cancelled before any sale was posted; its sale will not be posted',
      );

      return;
    }

    const pending: { reversal: JournalEntryDraft; reversesDocumentId: string }[] = [];
    for (const entry of settlement) {
      const reversal = applyPostingRule(() =>
        buildReversalEntry(entry.draft, reason, reversalDate(entry.draft, cancelledAt)),
      );
      if ((await findPostingStatus(manager, reversal.idempotencyKey)) === undefined) {
        pending.push({ reversal, reversesDocumentId: entry.erpDocumentId });
      }
    }

    if (pending.length === 0) {
      this.logger.debug({ orderId: event.orderId }, 'Sale already reversed; nothing to post');

      return;
    }

    const traceId = activeTraceId();
    const documents = await this.erp.post(
      pending.map((item) => item.reversal),
      { traceId },
    );
    const entries = pending.map((item, index): PostedEntry => ({
      kind: 'reversal',
      draft: item.reversal,
      document: documents[index],
      reversesDocumentId: item.reversesDocumentId,
    }));
    await recordPostedEntries(unitOfWork, this.erp.name, entries, traceId);
    this.logger.info(
      { orderId: event.orderId, documentIds: documents.map((document) => document.documentId) },
      'Sale reversed after cancellation',
    );
  }
}

/** Returns the cancellation date, or the sale's date when the cancellation claims to precede it. */
function reversalDate(sale: JournalEntryDraft, cancelledAt: string): string {
  const cancelDate = toPostingDate(cancelledAt, sale.sourceDocument);

  return cancelDate < sale.postingDate ? sale.postingDate : cancelDate;
}
