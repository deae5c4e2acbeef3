import { plainToInstance } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

/**
 * Settings every service reads from its environment. Each app extends this class with its own
 * variables and defaults; nothing else in a service reads `process.env`.
 */
export class BaseServiceConfig {
  @Matches(/^postgres(ql)?:\/\/.+\/[a-z_][a-z0-9_]*$/, {
    message: 'DATABASE_URL must be a postgres:// URL ending in a lower-case database name',
  })
  DATABASE_URL: string;

  @Matches(/^nats:\/\/[^\s]+$/, { message: 'NATS_URL must look like nats://127.0.0.1:4222' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(/^[a-z][a-z0-9_-]{0,31}$/, {
    message: 'MESSAGING_NAMESPACE must be 1-32 lower-case letters, digits, - or _',
  })
  MESSAGING_NAMESPACE: string = 'rs';

  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT: number;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @IsString()
  ADMIN_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsInt()
  @Min(1)
  @Max(5_000)
  CONSUMER_MAX_BATCH: number = 200;

  @IsInt()
  @Min(1)
  @Max(100)
  CONSUMER_MAX_DELIVER: number = 8;

  @IsInt()
  @Min(10)
  CONSUMER_BACKOFF_INITIAL_MS: number = 500;

  /**
   * Milliseconds over which a stream must fail publishes with a missing message block before the
   * outbox relay deletes and recreates it (the outboxes then republish it); 0 turns this off.
   */
  @IsInt()
  @Min(0)
  OUTBOX_RECREATE_UNWRITABLE_STREAM_MS: number = 15_000;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * Milliseconds between readiness turning false and the HTTP server closing on shutdown, so a
   * load balancer stops routing to this instance before it refuses connections.
   */
  @IsInt()
  @Min(0)
  @Max(15_000)
  SHUTDOWN_DRAIN_DELAY_MS: number = 0;

  /** Test fault only: the outbox relay exits after publishing and before marking rows sent. */
  @IsOptional()
  @IsBooleanString()
  FAULT_RELAY_EXIT_AFTER_PUBLISH?: string;
}

/** Thrown at start-up when the environment does not satisfy a service's config class. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Reads and validates a service's configuration from `env`, converting numbers and applying the
 * class's defaults. Fails fast, naming every invalid or missing variable.
 */
export function loadConfig<T extends object>(
  type: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new type() as Record<string, unknown>;
  // An empty variable counts as unset, as it does in shells and Kubernetes manifests.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(
    type,
    { ...defaults, ...present },
    {
      enableImplicitConversion: true,
      exposeDefaultValues: true,
    },
  );
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((error) => {
        const messages = Object.values(error.constraints ?? {}).join('; ');

        // Report the text as set in the environment, not the converted value (NaN for "many").
        const raw = present[error.property] ?? defaults[error.property];

        return `${error.property}: ${messages} (got ${JSON.stringify(raw ?? null)})`;
      }),
    );
  }

  return config;
}
