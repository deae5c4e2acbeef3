import { startTelemetry } from '@retail-sync/observability';

startTelemetry(`probe-${process.env.PROBE_ROLE ?? 'consumer'}`);

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
