import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Returns the stream name prefix of a namespace, as the messaging library derives it. */
function streamPrefix(namespace: string): string {
  return `${namespace.replace(/[^a-z0-9_]/g, '_').toUpperCase()}_`;
}

async function withManager<T>(natsUrl: string, use: (manager: JetStreamManager) => Promise<T>) {
  const connection = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    return await use(await jetstreamManager(connection, { timeout: 5_000 }));
  } finally {
    await connection.close();
  }
}

/** Lists the names of the namespace's streams. */
export async function namespaceStreams(natsUrl: string, namespace: string): Promise<string[]> {
  return withManager(natsUrl, async (manager) => {
    const names: string[] = [];
    for await (const name of manager.streams.names()) {
      if (name.startsWith(streamPrefix(namespace))) {
        names.push(name);
      }
    }

    return names;
  });
}

/** Deletes every stream of the namespace, and with them their consumers; returns their names. */
export async function deleteNamespaceStreams(
  natsUrl: string,
  namespace: string,
): Promise<string[]> {
  const names = await namespaceStreams(natsUrl, namespace);
  await withManager(natsUrl, async (manager) => {
    for (const name of names) {
      await manager.streams.delete(name);
    }
  });

  return names;
}

/** Work that JetStream still holds for the namespace's consumers. */
export interface ConsumerBacklog {
  consumers: number;
  /** Messages not yet delivered to their consumer. */
  pending: number;
  /** Messages delivered and neither acknowledged nor terminated. */
  ackPending: number;
}

export async function consumerBacklog(
  natsUrl: string,
  namespace: string,
): Promise<ConsumerBacklog> {
  const streams = await namespaceStreams(natsUrl, namespace);

  return withManager(natsUrl, async (manager) => {
    const backlog: ConsumerBacklog = { consumers: 0, pending: 0, ackPending: 0 };
    for (const stream of streams) {
      for await (const consumer of manager.consumers.list(stream)) {
        backlog.consumers += 1;
        backlog.pending += consumer.num_pending;
        backlog.ackPending += consumer.num_ack_pending;
      }
    }

    return backlog;
  });
}
