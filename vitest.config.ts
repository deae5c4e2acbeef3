import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests because esbuild drops decorator metadata, which class-validator,
// class-transformer and Nest's injector rely on.
const plugins = [swc.vite({ module: { type: 'es6' } })];
const resolveSource = {
  resolve: { conditions: ['@retail-sync/source'] },
  ssr: { resolve: { conditions: ['@retail-sync/source'] } },
};

export default defineConfig({
  test: {
    reporters: ['default'],
    env: { TZ: 'UTC' },
    projects: [
      {
        plugins,
        ...resolveSource,
        test: {
          name: 'unit',
          setupFiles: ['reflect-metadata'],
          include: ['libs/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts'],
        },
      },
      {
        plugins,
        ...resolveSource,
        test: {
          name: 'integration',
          setupFiles: ['reflect-metadata'],
          include: ['test/**/*.test.ts'],
          exclude: ['test/chaos/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration suites start real services and processes; two cores cannot run many at once.
          fileParallelism: false,
        },
      },
    ],
  },
});
