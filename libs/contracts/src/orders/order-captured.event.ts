import { OrderVersionPayload } from './order-version.js';

/** The first version of an order was accepted. */
export class OrderCapturedEvent extends OrderVersionPayload {}
