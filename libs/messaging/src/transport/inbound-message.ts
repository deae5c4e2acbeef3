import type { CloudEventEnvelope, EventSubject } from '@retail-sync/contracts';
import type { TraceCarrier } from '@retail-sync/observability';

/** A decoded, contract-checked message as a handler receives it. */
export interface InboundMessage<T = unknown> {
  id: string;
  subject: EventSubject;
  envelope: CloudEventEnvelope<T>;
  /** 1 on first delivery; replays from an exception record count on from the stored attempts. */
  deliveryCount: number;
  traceContext: TraceCarrier;
}
