import { startTelemetry } from '@retail-sync/observability';

startTelemetry('erp-posting');

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
