import { startTelemetry } from '@retail-sync/observability';

startTelemetry('channel-gateway');

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
