import { OrderVersionPayload } from './order-version.js';

/** A newer version of an already captured order was accepted. */
export class OrderUpdatedEvent extends OrderVersionPayload {}
