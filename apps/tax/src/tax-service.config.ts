import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IsOptional, IsString, MinLength } from 'class-validator';
import { BaseServiceConfig } from '@retail-sync/service-kit';
import { DEFAULT_TAX_CONFIGURATION_URL } from './assessment/tax-configuration.js';

/** The app package directory (apps/tax), the same from src/ and from dist/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

export class TaxServiceConfig extends BaseServiceConfig {
  // The base class's decorators carry the design:type metadata that converts these from env.
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/retail_sync_tax';

  override PORT = 3002;

  /**
   * Tax configuration file seeded into the database at start. A relative path is resolved
   * against the app package directory, not the working directory. Unset means the shipped
   * config/tax-configuration.json.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  TAX_CONFIGURATION_FILE?: string;
}

/** Returns the location of the tax configuration file named by the config. */
export function taxConfigurationLocation(config: TaxServiceConfig): URL {
  if (config.TAX_CONFIGURATION_FILE === undefined) {
    return DEFAULT_TAX_CONFIGURATION_URL;
  }

  return pathToFileURL(resolve(PACKAGE_ROOT, config.TAX_CONFIGURATION_FILE));
}
