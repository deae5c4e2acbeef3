// loadConfig converts environment strings by the design:type metadata, which TypeScript emits
// only for an explicit annotation, so the annotations on the defaults below must stay.
import { fileURLToPath } from 'node:url';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { BaseServiceConfig } from '@retail-sync/service-kit';

/** The chart shipped with the service; resolved from src/ and dist/ alike, one level down. */
const SHIPPED_CHART_OF_ACCOUNTS = fileURLToPath(
  new URL('../config/chart-of-accounts.json', import.meta.url),
);

export const ERP_ADAPTERS = ['builtin-ledger', 'http'] as const;
export type ErpAdapterKind = (typeof ERP_ADAPTERS)[number];

export const CLOSED_PERIOD_POLICIES = ['next-open', 'exception'] as const;
export type ClosedPeriodPolicy = (typeof CLOSED_PERIOD_POLICIES)[number];

export class ErpPostingConfig extends BaseServiceConfig {
  override DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/retail_sync_erp_posting';

  override PORT: number = 3003;

  /** The ERP that receives the entries: the built-in ledger or a vendor ERP behind the HTTP contract. */
  @IsIn(ERP_ADAPTERS)
  ERP_ADAPTER: ErpAdapterKind = 'builtin-ledger';

  /** The built-in ledger's own database, created at start when missing. */
  @Matches(/^postgres(ql)?:\/\/.+\/[a-z_][a-z0-9_]*$/, {
    message: 'LEDGER_DATABASE_URL must be a postgres:// URL ending in a lower-case database name',
  })
  LEDGER_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/retail_sync_ledger';

  /** The built-in ledger's handling of an entry dated in a closed period. */
  @IsIn(CLOSED_PERIOD_POLICIES)
  CLOSED_PERIOD_POLICY: ClosedPeriodPolicy = 'next-open';

  /** JSON file with the account codes the posting rules use. */
  @IsString()
  CHART_OF_ACCOUNTS_FILE: string = SHIPPED_CHART_OF_ACCOUNTS;

  /** Base URL of the vendor ERP's HTTP API; required when ERP_ADAPTER is `http`. */
  @ValidateIf((config: ErpPostingConfig) => config.ERP_ADAPTER === 'http')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  ERP_BASE_URL?: string;

  /** Name recorded as the adapter of documents posted over HTTP, e.g. the vendor's name. */
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, {
    message: 'ERP_HTTP_ADAPTER_NAME must be lower-case letters, digits and -',
  })
  ERP_HTTP_ADAPTER_NAME: string = 'http-erp';

  /** Bearer token sent to the vendor ERP in the Authorization header. */
  @IsOptional()
  @IsString()
  ERP_AUTH_TOKEN?: string;

  /** Time limit of one ERP request, in milliseconds. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  ERP_REQUEST_TIMEOUT_MS: number = 10_000;

  /** Most ERP requests in flight at once from this process. */
  @IsInt()
  @Min(1)
  @Max(256)
  ERP_MAX_CONCURRENCY: number = 4;

  /** Most ERP requests started per second by this process. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  ERP_MAX_REQUESTS_PER_SECOND: number = 50;
}
