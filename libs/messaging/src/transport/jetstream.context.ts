import { BaseRpcContext } from '@nestjs/microservices';
import type { UnitOfWork } from '../outbox/unit-of-work.js';
import type { InboundMessage } from './inbound-message.js';

/**
 * What an event handler gets beside the payload: the message (id, delivery count, envelope) and
 * the unit of work whose transaction also records the message in the inbox. A handler writes
 * through `unitOfWork.manager` and publishes through `unitOfWork.publish` so its effects commit
 * exactly once with the message.
 */
export class JetStreamContext extends BaseRpcContext<[InboundMessage, UnitOfWork]> {
  get message(): InboundMessage {
    return this.args[0];
  }

  get unitOfWork(): UnitOfWork {
    return this.args[1];
  }
}
