import { BaseRpcContext } from '@nestjs/microservices';
import type { RequestSubject } from '@retail-sync/contracts';

/** What a request-reply handler gets beside the payload. */
export class NatsRequestContext extends BaseRpcContext<[RequestSubject]> {
  get subject(): RequestSubject {
    return this.args[0];
  }
}
