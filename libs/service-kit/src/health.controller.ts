import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { MessagingRuntime } from '@retail-sync/messaging';
import { ReadinessState } from './readiness.js';

/** Liveness without dependencies; readiness checks PostgreSQL and NATS and drops on shutdown. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly messaging: MessagingRuntime,
    private readonly readiness: ReadinessState,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    if (!this.readiness.ready) {
      throw new ServiceUnavailableException({ status: 'shutting-down-or-starting' });
    }

    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1_000 }),
      () => this.natsCheck(),
    ]);
  }

  private async natsCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('nats');

    return (await this.messaging.isHealthy()) ? indicator.up() : indicator.down();
  }
}
