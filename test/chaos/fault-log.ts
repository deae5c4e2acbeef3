export type FaultKind =
  'kill' | 'nats-restart' | 'postgres-cut' | 'stream-loss' | 'rolling-restart';

export const FAULT_KINDS: readonly FaultKind[] = [
  'kill',
  'nats-restart',
  'postgres-cut',
  'stream-loss',
  'rolling-restart',
];

/** One injected fault; times are milliseconds since the run's delivery started. */
export interface FaultRecord {
  kind: FaultKind;
  /** The instance killed or restarted, where the fault has one. */
  target?: string;
  startedAt: number;
  /** When the system was whole again: the instance ready, NATS accepting connections. */
  endedAt?: number;
  detail?: string;
  error?: string;
}

/** Failures within this time after a fault ended are still blamed on it. */
const GRACE_MS = 1_000;

/**
 * The faults of a run with their times, so that each failed webhook delivery can be blamed on
 * the fault that was under way while it was sent or while its response came.
 */
export class FaultLog {
  readonly records: FaultRecord[] = [];

  constructor(private readonly origin: number) {}

  /** Milliseconds since the run's origin. */
  now(): number {
    return Date.now() - this.origin;
  }

  begin(kind: FaultKind, target?: string, detail?: string): FaultRecord {
    const record: FaultRecord = { kind, startedAt: this.now() };
    if (target !== undefined) {
      record.target = target;
    }

    if (detail !== undefined) {
      record.detail = detail;
    }

    this.records.push(record);

    return record;
  }

  end(record: FaultRecord, error?: unknown): void {
    record.endedAt = this.now();
    if (error !== undefined) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Returns the fault whose window overlaps the interval [start, end] (run times), or `none`.
   * A kill wins over other faults because it is the more likely cause of a failed request.
   */
  blame(start: number, end: number): FaultKind | 'none' {
    const overlapping = this.records.filter(
      (record) => record.startedAt <= end && (record.endedAt ?? Infinity) + GRACE_MS >= start,
    );
    if (overlapping.some((record) => record.kind === 'kill')) {
      return 'kill';
    }

    return overlapping[0]?.kind ?? 'none';
  }
}
