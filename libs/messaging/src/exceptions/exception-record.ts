import type { TraceCarrier } from '@retail-sync/observability';

export type ExceptionErrorClass = 'permanent' | 'exhausted';
export type ExceptionStatus = 'open' | 'replaying' | 'resolved' | 'discarded';

/** A message a person has to look at, with what is needed to understand and replay it. */
export interface ExceptionRecord {
  id: string;
  consumer: string;
  subject: string;
  messageId: string;
  envelope: unknown;
  rawPayload: string | null;
  traceContext: TraceCarrier;
  errorClass: ExceptionErrorClass;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  traceId: string | null;
  status: ExceptionStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

export interface ExceptionInput {
  consumer: string;
  subject: string;
  messageId: string;
  envelope?: unknown;
  rawPayload?: string;
  traceContext?: TraceCarrier;
  errorClass: ExceptionErrorClass;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  traceId?: string;
}

export interface ExceptionReplayAudit {
  id: string;
  exceptionId: string;
  actor: string;
  requestedAt: string;
  outcome: 'succeeded' | 'failed' | 'rejected' | 'discarded';
  detail: string | null;
}
