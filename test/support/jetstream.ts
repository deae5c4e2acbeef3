import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NATS_URL } from './test-names.js';

/** Deletes every stream whose name starts with the namespace's prefix. */
export async function deleteNamespaceStreams(
  namespace: string,
  natsUrl = NATS_URL,
): Promise<void> {
  const connection = await connect({ servers: natsUrl });
  try {
    const manager = await jetstreamManager(connection);
    const prefix = `${namespace.replace(/[^a-z0-9_]/g, '_').toUpperCase()}_`;
    for await (const name of manager.streams.names()) {
      if (name.startsWith(prefix)) {
        await manager.streams.delete(name);
      }
    }
  } finally {
    await connection.close();
  }
}
