import { UseFilters } from '@nestjs/common';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import type {
  EventPayload,
  EventSubject,
  ReplyPayload,
  RequestPayload,
  RequestSubject,
} from '@retail-sync/contracts';
import type { NatsRequestContext } from '../rpc/request-context.js';
import type { JetStreamContext } from './jetstream.context.js';
import { RpcErrorPassthroughFilter } from './rpc-error.filter.js';

type EventHandlerDescriptor<S extends EventSubject> = TypedPropertyDescriptor<
  (payload: EventPayload<S>, context: JetStreamContext) => Promise<void>
>;

type RequestHandlerDescriptor<S extends RequestSubject> = TypedPropertyDescriptor<
  (payload: RequestPayload<S>, context: NatsRequestContext) => Promise<ReplyPayload<S>>
>;

/**
 * Marks a method as the handler of an event subject from the catalog. The compiler checks the
 * method's payload type against the subject's contract class. The handler's errors reach the
 * transport unchanged, so it can tell transient failures from permanent ones.
 */
export function OnEvent<S extends EventSubject>(subject: S) {
  const decorate = EventPattern(subject) as MethodDecorator;
  const passErrors = UseFilters(RpcErrorPassthroughFilter) as MethodDecorator;

  return (target: object, key: string | symbol, descriptor: EventHandlerDescriptor<S>): void => {
    decorate(target, key, descriptor);
    passErrors(target, key, descriptor);
  };
}

/** Marks a method as the request-reply handler of a request subject from the catalog. */
export function OnRequest<S extends RequestSubject>(subject: S) {
  const decorate = MessagePattern(subject) as MethodDecorator;
  const passErrors = UseFilters(RpcErrorPassthroughFilter) as MethodDecorator;

  return (target: object, key: string | symbol, descriptor: RequestHandlerDescriptor<S>): void => {
    decorate(target, key, descriptor);
    passErrors(target, key, descriptor);
  };
}
