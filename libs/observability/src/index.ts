export * from './logger.js';
export * from './metrics.js';
export * from './telemetry.js';
export * from './trace-context.js';
export * from './observability.module.js';
