import { startTelemetry } from '@retail-sync/observability';

startTelemetry('tax');

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
