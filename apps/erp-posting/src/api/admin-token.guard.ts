import { timingSafeEqual } from 'node:crypto';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ErpPostingConfig } from '../erp-posting-config.js';

/**
 * Requires `Authorization: Bearer <ADMIN_TOKEN>` when the service has an admin token, like the
 * exception admin API; without one (local runs, tests) the route is open.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly config: ErpPostingConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ADMIN_TOKEN;
    if (!expected) {
      return true;
    }

    const header = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization;
    const presentedToken = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
    const expectedToken = Buffer.from(expected);
    if (
      presentedToken.length !== expectedToken.length ||
      !timingSafeEqual(presentedToken, expectedToken)
    ) {
      throw new UnauthorizedException('Missing or invalid admin bearer token');
    }

    return true;
  }
}
