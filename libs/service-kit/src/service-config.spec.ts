import { IsInt, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { BaseServiceConfig, ConfigurationError, loadConfig } from './service-config.js';

class ExampleConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  WIDGETS: number = 3;
}

const VALID = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/example', PORT: '3100' };

describe('loadConfig', () => {
  it('converts numbers and applies defaults', () => {
    const config = loadConfig(ExampleConfig, VALID);

    expect(config.PORT).toBe(3100);
    expect(config.WIDGETS).toBe(3);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.MESSAGING_NAMESPACE).toBe('rs');
  });

  it('names a missing variable', () => {
    expect(() => loadConfig(ExampleConfig, { PORT: '3100' })).toThrow(/DATABASE_URL/);
  });

  it('names an invalid number with its value', () => {
    expect(() => loadConfig(ExampleConfig, { ...VALID, WIDGETS: 'many' })).toThrow(
      /WIDGETS: .*\(got "many"\)/,
    );
  });

  it('lists every problem at once', () => {
    try {
      loadConfig(ExampleConfig, { PORT: '99999', NATS_URL: 'http://nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const problems = (error as ConfigurationError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/NATS_URL/);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(
      loadConfig(ExampleConfig, { ...VALID, MESSAGING_NAMESPACE: '' }).MESSAGING_NAMESPACE,
    ).toBe('rs');
  });
});
