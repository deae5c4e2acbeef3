import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILING_RULES } from '../../chaos/checker.js';
import { FAULT_KINDS } from '../../chaos/fault-log.js';
import { runChaos, type ChaosReport } from '../../chaos/harness.js';
import { formatReport } from '../../chaos/report.js';

const ORDERS = 2_000;
/** Delivery attempts per second that two cores sustain next to the five services. */
const RATE = 100;
const SEED = 20_261_204;
/** The whole run, start to cleanup, must fit in five minutes. */
const BUDGET_MS = 300_000;

/**
 * Runs the fault and load harness in-process: 2000 orders with every fault kind, then checks
 * the checker's verdict field by field. `npm run chaos` runs the same harness at any size.
 */
describe('order flow under faults', () => {
  let report: ChaosReport;
  let elapsedMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    report = await runChaos({
      orders: ORDERS,
      rate: RATE,
      seed: SEED,
      faults: new Set(FAULT_KINDS),
      killEverySeconds: 15,
      drainTimeoutMs: 90_000,
      log: (line) => process.stdout.write(`[chaos] ${line}\n`),
    });
    elapsedMs = Date.now() - started;
  }, BUDGET_MS);

  afterAll(() => {
    for (const line of report ? formatReport(report) : []) {
      process.stdout.write(`[chaos] ${line}\n`);
    }

    process.stdout.write(`[chaos] short run took ${(elapsedMs / 1_000).toFixed(1)} s\n`);
  });

  it('injects every fault kind without error', () => {
    for (const kind of FAULT_KINDS) {
      const injected = report.faults.filter((fault) => fault.kind === kind);

      expect(injected.length, kind).toBeGreaterThan(0);
    }

    expect(report.faults.filter((fault) => fault.error !== undefined)).toEqual([]);
  });

  it('delivers every order', () => {
    expect(report.verdict.orders).toBe(ORDERS);
    expect(report.delivery.gaveUp).toBe(0);
    expect(report.verdict.accepted).toBeGreaterThan(ORDERS * 0.95);
  });

  it('loses no order', () => {
    expect(report.verdict.lost).toBe(0);
  });

  it('posts no order twice', () => {
    expect(report.verdict.duplicated).toBe(0);
  });

  it('breaks no rule of the checker', () => {
    for (const rule of FAILING_RULES) {
      expect(report.verdict.violations[rule], rule).toBe(0);
    }
  });

  it('ends consistent orders as postings', () => {
    expect(report.verdict.endedAsException).toBe(0);
    expect(report.verdict.unexpectedExceptions).toEqual({});
    expect(report.verdict.posted).toBeGreaterThan(0);
    expect(report.verdict.reversed).toBeGreaterThan(0);
  });

  it('raises every inconsistent copy', () => {
    expect(report.verdict.inconsistentCopies).toBeGreaterThan(0);
    expect(report.verdict.inconsistentRaised).toBe(report.verdict.inconsistentCopies);
  });

  it('balances the ledger per currency', () => {
    expect(report.verdict.balances.length).toBeGreaterThan(0);
    expect(report.verdict.ledgerBalanced).toBe(true);
    expect(report.verdict.ledgerMatchesOrders).toBe(true);
  });

  it('records each conflicting duplicate once', () => {
    const { conflicting } = report.verdict;

    expect(conflicting.acknowledged).toBeGreaterThan(0);
    expect(conflicting.exceptions).toBe(conflicting.acknowledged);
    expect(conflicting.unmatchedExceptions).toBe(0);
  });

  it('answers 2xx throughout rolling restarts', () => {
    expect(report.rollingRestartFailures).toBe(0);
  });

  it('keeps every service running', () => {
    expect(report.crashes.map((crash) => crash.instance)).toEqual([]);
  });

  // Draining also proves that a stream nats-server 2.9.10 left unwritable after the stream
  // loss was recreated, because its outbox rows would stay unpublished otherwise.
  it('drains after the faults', () => {
    expect(report.drain.drained).toBe(true);
    expect(report.drain.unpublishedOutbox).toBe(0);
  });

  it('passes the harness verdict', () => {
    expect(report.failures).toEqual([]);
  });
});
