import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../support/service-process.js';
import { waitFor } from '../support/wait-for.js';

export const NATS_SERVER_BINARY = process.env.NATS_SERVER_BINARY ?? '/usr/sbin/nats-server';

/**
 * A nats-server process with JetStream that belongs to one harness run. It listens on 127.0.0.1
 * only and keeps its store in a temporary folder. It can be stopped and started again on the
 * same port and store, as a restarted NATS pod would be.
 */
export class NatsServerProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readonly storeDir: string;
  readonly logFile: string;

  constructor(
    readonly port: number,
    runName: string,
  ) {
    this.storeDir = mkdtempSync(join(tmpdir(), `${runName}-nats-`));
    mkdirSync(resolve(REPOSITORY_ROOT, '.run/logs'), { recursive: true });
    this.logFile = resolve(REPOSITORY_ROOT, '.run/logs', `${runName}-nats.log`);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it accepts TCP connections. */
  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      NATS_SERVER_BINARY,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`nats-server exited with ${child.exitCode}; see ${this.logFile}`);
        }

        return acceptsConnections(this.port);
      },
      { timeoutMs: 15_000, label: `nats-server on port ${this.port}` },
    );
  }

  /** Stops the server with SIGTERM, or SIGKILL after 10 s, and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }

    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }

  /**
   * Lists the streams the server failed to write to because a message block file was missing
   * (`error opening msg block file` or `Error creating msg block file`), a nats-server 2.9.10
   * defect after a stream is deleted and created again under load.
   */
  unwritableStreams(): string[] {
    const streams = new Set<string>();
    for (const match of this.readLog().matchAll(
      /store a msg on stream '[^>]*> ([^']+)': [^\n]*msg block file/gi,
    )) {
      streams.add(match[1]);
    }

    return [...streams];
  }

  /** Counts the publishes the server logged as failed to store. */
  storeFailures(): number {
    return this.readLog().match(/JetStream failed to store a msg/g)?.length ?? 0;
  }

  private readLog(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  /** Stops the server and deletes its store. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveProbe(true);
    });
    socket.once('error', () => resolveProbe(false));
  });
}
