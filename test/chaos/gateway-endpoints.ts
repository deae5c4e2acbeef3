import type { InstanceName } from './service-cluster.js';

const POLL_INTERVAL_MS = 100;
const PROBE_TIMEOUT_MS = 500;

export interface GatewayEndpoint {
  name: InstanceName;
  url: string;
}

/**
 * The ready gateway replicas, the way a Kubernetes endpoint list tracks them: each replica's
 * `/health/ready` is polled every 100 ms, and requests go round-robin to replicas whose last
 * probe returned 200.
 */
export class GatewayEndpoints {
  private readonly ready = new Set<InstanceName>();
  private timer?: NodeJS.Timeout;
  private next = 0;

  constructor(private readonly endpoints: readonly GatewayEndpoint[]) {}

  start(): void {
    const poll = async (): Promise<void> => {
      await Promise.all(this.endpoints.map((endpoint) => this.probe(endpoint)));
      if (this.timer) {
        this.timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
      }
    };
    this.timer = setTimeout(() => void poll(), 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Returns a ready replica, or undefined when none is ready. */
  pick(): GatewayEndpoint | undefined {
    const candidates = this.endpoints.filter((endpoint) => this.ready.has(endpoint.name));
    if (candidates.length === 0) {
      return undefined;
    }

    this.next = (this.next + 1) % candidates.length;

    return candidates[this.next];
  }

  /** Returns whether the last probe of the replica returned 200. */
  isReady(name: InstanceName): boolean {
    return this.ready.has(name);
  }

  private async probe(endpoint: GatewayEndpoint): Promise<void> {
    try {
      const response = await fetch(`${endpoint.url}/health/ready`, {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) {
        this.ready.add(endpoint.name);
      } else {
        this.ready.delete(endpoint.name);
      }
    } catch {
      this.ready.delete(endpoint.name);
    }
  }
}
