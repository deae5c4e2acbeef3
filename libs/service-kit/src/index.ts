export * from './health.controller.js';
export * from './health.module.js';
export * from './readiness.js';
export * from './service-config.js';
export * from './service-core.module.js';
export * from './start-service.js';
