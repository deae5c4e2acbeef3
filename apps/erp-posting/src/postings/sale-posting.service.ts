import { Inject, Injectable } from '@nestjs/common';
import type { OrderTaxAssessedEvent } from '@retail-sync/contracts';
import type { CollectedItem, UnitOfWork } from '@retail-sync/messaging';
import { ROOT_LOGGER, activeTraceId, injectTraceContext } from '@retail-sync/observability';
import type { Logger } from 'pino';
import { ERP_ADAPTER, type ErpAdapter } from '../erp/erp-adapter.js';
import type { ChartOfAccounts } from '../posting/chart-of-accounts.js';
import type { JournalEntryDraft } from '../posting/journal-entry-draft.js';
import { buildOrderSaleEntry, toPostingDate } from '../posting/order-sale-posting-rule.js';
import { buildPaymentEntry } from '../posting/payment-posting-rule.js';
import { assertKnownTaxAccounts } from '../posting/tax-account-check.js';
import { CHART_OF_ACCOUNTS } from './chart-of-accounts.token.js';
import { applyPostingRule } from './posting-failures.js';
import { recordUnrecordedEntries } from './unrecorded-entries.js';
import { recordPostedEntries, recordSkippedEntry } from './posting-recorder.js';
import {
  findPostedSales,
  findPostedSettlement,
  findPostingStatus,
  hasPendingCancellation,
  hasReversal,
  lockOrder,
} from './posting-store.js';
import { saleSignature } from '../posting/entry-comparison.js';
import { OrderChangedAfterPostingError } from '../posting/order-changed-error.js';

interface PendingSale {
  draft: JournalEntryDraft;
  orderVersion: number;
}

/** Posts the sale entry of a tax-assessed order version once. */
@Injectable()
export class SalePostingService {
  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpAdapter,
    @Inject(CHART_OF_ACCOUNTS) private readonly chart: ChartOfAccounts,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Builds the sale entry and posts it unless this service recorded its key before, the order
   * was cancelled first, or the entry has no lines. The ERP call is idempotent, so a crash
   * before the unit of work commits only makes the next delivery get the same document back.
   */
  async postSale(event: OrderTaxAssessedEvent, unitOfWork: UnitOfWork): Promise<void> {
    const draft = applyPostingRule(() => {
      const entry = buildOrderSaleEntry(event, this.chart);
      assertKnownTaxAccounts(entry, this.chart);

      return entry;
    });
    const traceId = activeTraceId();
    const context = { orderId: event.orderId, idempotencyKey: draft.idempotencyKey };
    await lockOrder(unitOfWork.manager, event.orderId);
    const status = await findPostingStatus(unitOfWork.manager, draft.idempotencyKey);
    if (status !== undefined) {
      await this.rejectChangedSale(unitOfWork, event.orderId, draft);
      await this.postPaymentChange(event, draft, unitOfWork);
      this.logger.debug({ ...context, status }, 'Sale already recorded; no sale to post');

      return;
    }

    if (await hasPendingCancellation(unitOfWork.manager, event.orderId)) {
      await recordSkippedEntry(unitOfWork, {
        kind: 'sale',
        status: 'skipped-cancelled',
        draft,
        traceId,
      });
      this.logger.info(context, 'Order was cancelled before its sale was posted; posting nothing');

      return;
    }

    if (draft.lines.length === 0) {
      this.logger.info(context, 'Sale entry has no lines because every amount is zero; not posted');

      return;
    }

    // The ERP call waits for the end of the batch, so one request posts every sale in it.
    unitOfWork.collect<PendingSale>(
      'erp-posting.sales',
      {
        draft: { ...draft, traceId, traceparent: injectTraceContext().traceparent },
        orderVersion: event.orderVersion,
      },
      (items) => this.postCollected(items, unitOfWork),
    );
  }

  /**
   * Raises a later order version whose sale entry differs from the posted one, so finance learns
   * that the ledger no longer matches the order instead of the change being dropped.
   */
  private async rejectChangedSale(
    unitOfWork: UnitOfWork,
    orderId: string,
    draft: JournalEntryDraft,
  ): Promise<void> {
    const posted = await findPostedSales(unitOfWork.manager, orderId);
    const sale = posted.find((entry) => entry.draft.idempotencyKey === draft.idempotencyKey);
    const receivable = this.chart.receivable;
    if (sale && saleSignature(sale.draft, receivable) !== saleSignature(draft, receivable)) {
      applyPostingRule(() => {
        throw new OrderChangedAfterPostingError(sale.draft, draft, sale.erpDocumentId, receivable);
      });
    }
  }

  /**
   * Posts a payment entry when a newer version of a posted order settles it differently, usually
   * a pending order that is now paid. The ledger then ends the same whether the payment arrived
   * before or after the sale was posted. Older versions and cancelled orders post nothing.
   */
  private async postPaymentChange(
    event: OrderTaxAssessedEvent,
    latest: JournalEntryDraft,
    unitOfWork: UnitOfWork,
  ): Promise<void> {
    let payment = await this.duePayment(event, latest, unitOfWork);
    // An interrupted posting may already have booked the payment, so the ledger is read, but only
    // when a payment looks due. Most later versions change nothing and skip this read.
    if (
      payment &&
      (await recordUnrecordedEntries(this.erp, unitOfWork, event.orderId, this.logger)) > 0
    ) {
      payment = await this.duePayment(event, latest, unitOfWork);
    }

    if (!payment) {
      return;
    }

    const traceId = activeTraceId();
    const [document] = await this.erp.post([payment], { traceId });
    await recordPostedEntries(
      unitOfWork,
      this.erp.name,
      [{ kind: 'payment', draft: payment, document, orderVersion: event.orderVersion }],
      traceId,
    );
    this.logger.info(
      { orderId: event.orderId, orderVersion: event.orderVersion, documentId: document.documentId },
      'Payment posted for an order settled after its sale was posted',
    );
  }

  /** Builds the payment entry `event` calls for, or returns undefined when none is due. */
  private async duePayment(
    event: OrderTaxAssessedEvent,
    latest: JournalEntryDraft,
    unitOfWork: UnitOfWork,
  ): Promise<JournalEntryDraft | undefined> {
    const { manager } = unitOfWork;
    const settlement = await findPostedSettlement(manager, event.orderId);
    if (settlement.length === 0 || (await hasReversal(manager, event.orderId))) {
      return undefined;
    }

    const newestVersion = Math.max(...settlement.map((entry) => entry.orderVersion ?? 0));
    if (event.orderVersion <= newestVersion) {
      return undefined;
    }

    const payment = applyPostingRule(() =>
      buildPaymentEntry({
        latest,
        posted: settlement.map((entry) => entry.draft),
        orderVersion: event.orderVersion,
        postingDate: toPostingDate(event.order.sourceUpdatedAt, latest.sourceDocument),
        receivableAccount: this.chart.receivable,
      }),
    );
    if (!payment || (await findPostingStatus(manager, payment.idempotencyKey)) !== undefined) {
      return undefined;
    }

    return payment;
  }

  /**
   * Posts the sales collected from one batch in a single ERP call and records them. A key that
   * two messages of the batch share (a duplicate event) is posted and announced once.
   */
  private async postCollected(
    items: CollectedItem<PendingSale>[],
    unitOfWork: UnitOfWork,
  ): Promise<void> {
    // Two versions of one order can meet in a batch; the newest one is the sale to post.
    const unique = new Map<string, CollectedItem<PendingSale>>();
    for (const item of items) {
      const key = item.value.draft.idempotencyKey;
      const current = unique.get(key);
      if (!current || item.value.orderVersion > current.value.orderVersion) {
        unique.set(key, item);
      }
    }

    const pending = [...unique.values()];
    const documents = await this.erp.post(pending.map((item) => item.value.draft));
    await recordPostedEntries(
      unitOfWork,
      this.erp.name,
      pending.map((item, index) => ({
        kind: 'sale',
        draft: item.value.draft,
        document: documents[index],
        traceId: item.value.draft.traceId,
        within: item.within,
        orderVersion: item.value.orderVersion,
      })),
      undefined,
    );
    this.logger.info({ entries: pending.length }, 'Sales posted');
  }
}
