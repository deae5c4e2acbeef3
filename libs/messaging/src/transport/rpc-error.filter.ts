import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the transport unchanged. Nest's default RPC filter replaces any
 * error that is not an RpcException with a generic "Internal server error" object, and the
 * transport needs the original class and code to tell a transient failure from a permanent one.
 */
@Catch()
export class RpcErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
