import { BaseRpcContext } from '@nestjs/microservices';
import type { RequestSubject } from '@retail-sync/contracts';

/** Context passed to a request-reply handler beside the payload. */
export class NatsRequestContext extends BaseRpcContext<[RequestSubject]> {
  get subject(): RequestSubject {
    return this.args[0];
  }
}
