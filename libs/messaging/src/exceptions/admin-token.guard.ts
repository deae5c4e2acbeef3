import { timingSafeEqual } from 'node:crypto';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { MessagingRuntime } from '../messaging-runtime.js';

/**
 * Requires `Authorization: Bearer <ADMIN_TOKEN>` on admin routes when the service was given an
 * admin token; without one (local runs, tests) the admin API is open.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly runtime: MessagingRuntime) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.runtime.options.adminToken;
    if (!expected) {
      return true;
    }

    const header = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization;
    const presented = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
    const expectedBytes = Buffer.from(expected);
    if (presented.length !== expectedBytes.length || !timingSafeEqual(presented, expectedBytes)) {
      throw new UnauthorizedException('Missing or invalid admin bearer token');
    }

    return true;
  }
}
