import { ChannelOrderReceivedEvent } from './channel/channel-order-received.event.js';
import { JournalEntryPostedEvent } from './erp/journal-entry-posted.event.js';
import { JournalEntryPostedV1Event } from './erp/journal-entry-posted.v1.event.js';
import { OrderCancelledEvent } from './orders/order-cancelled.event.js';
import { OrderCapturedEvent } from './orders/order-captured.event.js';
import { OrderUpdatedEvent } from './orders/order-updated.event.js';
import { OrderTaxAssessedEvent } from './tax/order-tax-assessed.event.js';
import { AssessmentGetReply, AssessmentGetRequest } from './trail/assessment-get.request.js';
import { DeliveryGetReply, DeliveryGetRequest } from './trail/delivery-get.request.js';
import {
  JournalEntriesListReply,
  JournalEntriesListRequest,
} from './trail/journal-entries-list.request.js';
import {
  TaxQuoteCalculateReply,
  TaxQuoteCalculateRequest,
} from './tax/tax-quote-calculate.request.js';

/**
 * Every event subject with its payload class and the JetStream stream that stores it. Subjects
 * read `<domain>.<entity>.<past-verb>.v<N>`; a breaking change adds a new `vN+1` entry and keeps
 * the old one so messages already in a stream still parse.
 */
export const EVENT_CATALOG = {
  'channel.order.received.v1': { payload: ChannelOrderReceivedEvent, stream: 'CHANNEL' },
  'orders.order.captured.v1': { payload: OrderCapturedEvent, stream: 'ORDERS' },
  'orders.order.updated.v1': { payload: OrderUpdatedEvent, stream: 'ORDERS' },
  'orders.order.cancelled.v1': { payload: OrderCancelledEvent, stream: 'ORDERS' },
  'tax.order-tax.assessed.v1': { payload: OrderTaxAssessedEvent, stream: 'TAX' },
  'erp.journal-entry.posted.v1': { payload: JournalEntryPostedV1Event, stream: 'ERP' },
  'erp.journal-entry.posted.v2': { payload: JournalEntryPostedEvent, stream: 'ERP' },
} as const;

/**
 * Request-reply capabilities over core NATS. Their subjects lie outside every stream's subjects,
 * because a stream would otherwise reply to the request with a publish acknowledgement.
 */
export const REQUEST_CATALOG = {
  'tax.quote.calculate.v1': { request: TaxQuoteCalculateRequest, reply: TaxQuoteCalculateReply },
  'channel.delivery.get.v1': { request: DeliveryGetRequest, reply: DeliveryGetReply },
  'tax.assessment.get.v1': { request: AssessmentGetRequest, reply: AssessmentGetReply },
  'erp.journal-entries.list.v1': {
    request: JournalEntriesListRequest,
    reply: JournalEntriesListReply,
  },
} as const;

export type EventSubject = keyof typeof EVENT_CATALOG;
export type RequestSubject = keyof typeof REQUEST_CATALOG;
export type EventPayload<S extends EventSubject> = InstanceType<
  (typeof EVENT_CATALOG)[S]['payload']
>;
export type RequestPayload<S extends RequestSubject> = InstanceType<
  (typeof REQUEST_CATALOG)[S]['request']
>;
export type ReplyPayload<S extends RequestSubject> = InstanceType<
  (typeof REQUEST_CATALOG)[S]['reply']
>;

export type StreamName = (typeof EVENT_CATALOG)[EventSubject]['stream'];

/** Returns the event subjects stored in each stream, for creating the streams. */
export function streamSubjects(): Map<StreamName, EventSubject[]> {
  const streams = new Map<StreamName, EventSubject[]>();
  for (const [subject, entry] of Object.entries(EVENT_CATALOG) as [
    EventSubject,
    { stream: StreamName },
  ][]) {
    streams.set(entry.stream, [...(streams.get(entry.stream) ?? []), subject]);
  }

  return streams;
}

export function isEventSubject(subject: string): subject is EventSubject {
  return Object.hasOwn(EVENT_CATALOG, subject);
}

export function isRequestSubject(subject: string): subject is RequestSubject {
  return Object.hasOwn(REQUEST_CATALOG, subject);
}
