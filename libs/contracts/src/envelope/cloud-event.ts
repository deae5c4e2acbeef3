import { randomUUID } from 'node:crypto';
import { Allow, Equals, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { IsExternalId } from '../validation/decorators.js';

/**
 * A CloudEvents 1.0 envelope in structured mode. `data` holds the payload object validated against
 * the class registered for `type` in the message catalog. W3C trace context travels beside it in
 * `traceparent`/`tracestate`, the names the CloudEvents distributed-tracing extension uses.
 */
export class CloudEventEnvelope<T = unknown> {
  @IsExternalId()
  id: string;

  @IsString()
  @Matches(/^\/[\w./-]+$/, { message: 'source must be a URI reference such as /orders' })
  source: string;

  @Matches(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v\d+$/, {
    message: 'type must read <domain>.<entity>.<verb>.v<N>',
  })
  type: string;

  @Equals('1.0')
  specversion: '1.0';

  @IsISO8601({ strict: true })
  time: string;

  @IsOptional()
  @IsString()
  subject?: string;

  @Equals('application/json')
  datacontenttype: 'application/json';

  /** A URI naming the payload's contract, e.g. `urn:retail-sync:schema:orders.order.captured.v1`. */
  @IsOptional()
  @Matches(/^(urn:[a-z0-9-]+:|https:\/\/)\S+$/)
  dataschema?: string;

  @IsOptional()
  @Matches(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/)
  traceparent?: string;

  @IsOptional()
  @IsString()
  tracestate?: string;

  @Allow()
  data: T;
}

export interface EnvelopeInit<T> {
  type: string;
  source: string;
  data: T;
  subject?: string;
  id?: string;
  time?: Date;
}

/** Wraps a payload in a new envelope with a fresh id and the current time. */
export function createEnvelope<T>(init: EnvelopeInit<T>): CloudEventEnvelope<T> {
  return {
    id: init.id ?? randomUUID(),
    source: init.source,
    type: init.type,
    specversion: '1.0',
    time: (init.time ?? new Date()).toISOString(),
    subject: init.subject,
    datacontenttype: 'application/json',
    dataschema: `urn:retail-sync:schema:${init.type}`,
    data: init.data,
  };
}
