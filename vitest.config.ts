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
          // The fault harness takes minutes of the two cores; it runs as its own project.
          exclude: ['test/chaos/**', 'test/integration/chaos/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration suites start real services and processes; two cores cannot run many at once.
          fileParallelism: false,
        },
      },
      {
        plugins,
        ...resolveSource,
        test: {
          name: 'chaos',
          include: ['test/integration/chaos/**/*.test.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
