import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@retail-sync/service-kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAX_CONFIGURATION_URL } from './assessment/tax-configuration.js';
import { TaxServiceConfig, taxConfigurationLocation } from './tax-service.config.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('TaxServiceConfig', () => {
  it('defaults port and database', () => {
    const config = loadConfig(TaxServiceConfig, {});

    expect(config.PORT).toBe(3002);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/retail_sync_tax');
  });

  it('converts PORT from the environment', () => {
    expect(loadConfig(TaxServiceConfig, { PORT: '4100' }).PORT).toBe(4100);
  });

  it('uses the shipped configuration by default', () => {
    const config = loadConfig(TaxServiceConfig, {});

    expect(taxConfigurationLocation(config).href).toBe(DEFAULT_TAX_CONFIGURATION_URL.href);
  });

  it('resolves a relative file against the package', () => {
    const config = loadConfig(TaxServiceConfig, { TAX_CONFIGURATION_FILE: 'config/other.json' });

    expect(fileURLToPath(taxConfigurationLocation(config))).toBe(
      `${PACKAGE_ROOT}config/other.json`,
    );
  });

  it('keeps an absolute file', () => {
    const config = loadConfig(TaxServiceConfig, { TAX_CONFIGURATION_FILE: '/etc/tax.json' });

    expect(fileURLToPath(taxConfigurationLocation(config))).toBe('/etc/tax.json');
  });
});
