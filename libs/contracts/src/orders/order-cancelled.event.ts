import { OrderVersionPayload } from './order-version.js';

/** The channel cancelled the order; the payload is the cancelled version. */
export class OrderCancelledEvent extends OrderVersionPayload {}
