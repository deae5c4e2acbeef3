import { IsIn, IsInt, Min } from 'class-validator';
import { BaseServiceConfig } from '@retail-sync/service-kit';

export class ProbeConfig extends BaseServiceConfig {
  @IsIn(['producer', 'consumer'])
  PROBE_ROLE: 'producer' | 'consumer' = 'consumer';

  /** Milliseconds each handled message sleeps, to make a burst last long enough to interrupt. */
  @IsInt()
  @Min(0)
  PROBE_HANDLER_DELAY_MS: number = 0;
}
