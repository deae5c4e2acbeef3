import { dropDatabases, queryDatabase } from '../../support/database.js';
import { freePort } from '../../support/free-port.js';
import { deleteNamespaceStreams } from '../../support/jetstream.js';
import { ServiceProcess } from '../../support/service-process.js';
import { NATS_URL, testDatabaseUrl, uniqueRunName } from '../../support/test-names.js';

const ENTRY = 'test/probe-service/dist/main.js';

/**
 * Two probe services in separate processes with separate databases: a producer that writes
 * notes and events through its outbox, and a consumer that records one effect row per event.
 */
export class ProbePair {
  readonly run = uniqueRunName('m');
  readonly producerDatabase = `${this.run}_producer`;
  readonly consumerDatabase = `${this.run}_consumer`;
  producer!: ServiceProcess;
  consumer!: ServiceProcess;

  constructor(readonly natsUrl = NATS_URL) {}

  async createProducer(env: Record<string, string> = {}): Promise<ServiceProcess> {
    this.producer = new ServiceProcess({
      entry: ENTRY,
      name: `${this.run}-producer`,
      port: await freePort(),
      env: this.env('producer', this.producerDatabase, env),
    });

    return this.producer;
  }

  async createConsumer(env: Record<string, string> = {}): Promise<ServiceProcess> {
    this.consumer = new ServiceProcess({
      entry: ENTRY,
      name: `${this.run}-consumer`,
      port: await freePort(),
      env: this.env('consumer', this.consumerDatabase, env),
    });

    return this.consumer;
  }

  /** Posts notes to the producer and returns the ids of the events it published. */
  async postNotes(labels: string[], headers: Record<string, string> = {}): Promise<string[]> {
    const response = await fetch(`${this.producer.url}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ labels }),
    });
    if (!response.ok) {
      throw new Error(`POST /notes answered ${response.status}: ${await response.text()}`);
    }

    const body = (await response.json()) as { eventIds: string[] };

    return body.eventIds;
  }

  /** Returns how many effect rows each event id has in the consumer's database. */
  async effectCounts(): Promise<Map<string, number>> {
    const rows = await queryDatabase<{ event_id: string; count: string }>(
      this.consumerDatabase,
      'SELECT event_id, count(*) AS count FROM probe_effect GROUP BY event_id',
    );

    return new Map(rows.map((row) => [row.event_id, Number(row.count)]));
  }

  async unpublishedOutboxRows(): Promise<number> {
    const rows = await queryDatabase<{ count: string }>(
      this.producerDatabase,
      'SELECT count(*) AS count FROM outbox_message WHERE published_at IS NULL',
    );

    return Number(rows[0].count);
  }

  async cleanUp(): Promise<void> {
    await Promise.allSettled([this.producer?.kill(), this.consumer?.kill()]);
    await dropDatabases([this.producerDatabase, this.consumerDatabase]);
    await deleteNamespaceStreams(this.run, this.natsUrl);
  }

  private env(
    role: string,
    database: string,
    extra: Record<string, string>,
  ): Record<string, string> {
    return {
      PROBE_ROLE: role,
      DATABASE_URL: testDatabaseUrl(database),
      NATS_URL: this.natsUrl,
      MESSAGING_NAMESPACE: this.run,
      LOG_LEVEL: 'info',
      CONSUMER_BACKOFF_INITIAL_MS: '100',
      ...extra,
    };
  }
}
