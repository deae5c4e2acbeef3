import { startTelemetry } from '@retail-sync/observability';

startTelemetry('orders');

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
