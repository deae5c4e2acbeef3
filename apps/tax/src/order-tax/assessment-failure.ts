import { CurrencyMismatchError, type OrderVersionPayload } from '@retail-sync/contracts';
import { PermanentError } from '@retail-sync/messaging';
import {
  ChannelTaxMismatchError,
  NegativeTaxBaseError,
  UnmappedTaxError,
} from '../assessment/tax-errors.js';

/**
 * Turns an assessment failure into a PermanentError with the same code, so the order becomes an
 * exception record at once instead of being retried. Amount and currency errors
 * (`tax.invalid-order`) are permanent too, because the same order fails the same way every time.
 * Other errors pass through unchanged for the transport to classify.
 */
export function toAssessmentFailure(error: unknown, event: OrderVersionPayload): unknown {
  const order = `Order ${event.orderId} version ${event.version} (${event.order.name})`;
  if (error instanceof UnmappedTaxError) {
    const listed = error.unmapped.map((tax) => `"${tax.title}" at rate ${tax.rate}`).join(', ');

    return new PermanentError(
      `${order} has no tax code mapping for ${listed}. Add it on the tax service with ` +
        'POST /tax-mappings, body {"channelTitle": "<title>", "rate": "<rate>", "taxCode": ' +
        '"<code>", "jurisdiction": "<jurisdiction>", "liabilityAccount": "<a taxLiabilities ' +
        'account of the chart>"}, then replay this exception record.',
      error.code,
    );
  }

  if (error instanceof ChannelTaxMismatchError || error instanceof NegativeTaxBaseError) {
    return new PermanentError(`${order}: ${error.message}`, error.code);
  }

  if (error instanceof RangeError || error instanceof CurrencyMismatchError) {
    return new PermanentError(`${order} cannot be assessed: ${error.message}`, 'tax.invalid-order');
  }

  return error;
}
