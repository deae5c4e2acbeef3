import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { waitFor } from './wait-for.js';

/**
 * V8 heap limits the services run with in production (see deploy/): a small young generation
 * keeps the resident set near the live heap instead of letting it grow with idle garbage.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=192'];

/** The repository root: the nearest folder above this file that contains nx.json. */
export const REPOSITORY_ROOT = findRoot(import.meta.dirname);
const ROOT = REPOSITORY_ROOT;

function findRoot(start: string): string {
  let folder = start;
  while (!existsSync(resolve(folder, 'nx.json'))) {
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`No nx.json above ${start}`);
    }

    folder = parent;
  }

  return folder;
}

export interface ServiceProcessOptions {
  /** Path of the built entry point, relative to the repository root. */
  entry: string;
  name: string;
  port: number;
  env: Record<string, string>;
}

/**
 * A built service running as its own process, the way it runs in production. Output goes to
 * `.run/logs/<name>.log` for post-mortems.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  readonly logFile: string;

  constructor(readonly options: ServiceProcessOptions) {
    mkdirSync(resolve(ROOT, '.run/logs'), { recursive: true });
    this.logFile = resolve(ROOT, '.run/logs', `${options.name}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the started process has not exited. */
  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** Starts the process and waits until /health/ready returns 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [...SERVICE_NODE_FLAGS, resolve(ROOT, this.options.entry)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...this.options.env,
          PORT: String(this.options.port),
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(
            `${this.options.name} exited with ${child.exitCode}; see ${this.logFile}`,
          );
        }

        const response = await fetch(`${this.url}/health/ready`);

        return response.ok;
      },
      { timeoutMs, label: `${this.options.name} ready` },
    );
  }

  /** Waits for the process to exit on its own and returns its exit code. */
  async waitForExit(timeoutMs = 30_000): Promise<number | null> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${this.options.name} did not exit`)), timeoutMs).unref(),
    );

    return Promise.race([this.exited ?? Promise.resolve(null), timeout]);
  }

  /** Sends SIGTERM and returns the exit code once the process has stopped. */
  async terminate(timeoutMs = 25_000): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) {
      return this.child?.exitCode ?? null;
    }

    this.child.kill('SIGTERM');

    return this.waitForExit(timeoutMs);
  }

  /** Kills the process at once, as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGKILL');
      await this.waitForExit(10_000);
    }
  }
}
