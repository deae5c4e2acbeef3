import type { ChaosReport } from './harness.js';

/** Formats a run's report as the lines the CLI prints. */
export function formatReport(report: ChaosReport): string[] {
  const { verdict, delivery, drain } = report;
  const lines = [
    `seed ${report.seed}, run ${report.run}`,
    `orders ${verdict.orders}: accepted ${verdict.accepted}, posted ${verdict.posted}, ` +
      `reversed ${verdict.reversed}, cancelled before posting ${verdict.cancelledBeforePosting}, ` +
      `ended as exception ${verdict.endedAsException}, edits raised after posting ` +
      `${verdict.changesRaised}`,
    `inconsistent copies ${verdict.inconsistentCopies}, raised as order.inconsistent ` +
      `${verdict.inconsistentRaised}`,
    drain.drained
      ? `lost ${verdict.lost}, duplicated ${verdict.duplicated}`
      : `lost or still queued ${verdict.lost} (the system did not drain), duplicated ` +
        `${verdict.duplicated}`,
    `violations ${JSON.stringify(verdict.violations)}`,
    `ledger balanced ${verdict.ledgerBalanced}, matches the orders' entries ` +
      `${verdict.ledgerMatchesOrders}`,
    ...verdict.balances.map(
      (balance) =>
        `  ${balance.currency}: debit ${balance.debit}, credit ${balance.credit}, ` +
        `debits of the orders' entries ${balance.debitOfOrders}`,
    ),
    `conflicting duplicates: sent ${verdict.conflicting.sent}, acknowledged ` +
      `${verdict.conflicting.acknowledged}, exceptions ${verdict.conflicting.exceptions}, ` +
      `unmatched exceptions ${verdict.conflicting.unmatchedExceptions}`,
    `open exceptions ${JSON.stringify(verdict.openExceptions)}`,
    `unexpected exceptions of consistent orders ${JSON.stringify(verdict.unexpectedExceptions)}`,
    `deliveries: ${delivery.attempts} attempts, ${delivery.succeeded} 2xx, ${delivery.failed} ` +
      `failed, ${delivery.gaveUp} given up; ${delivery.attemptsPerSecond} attempts/s, ` +
      `${delivery.ordersPerSecond} orders/s`,
    `failed attempts by fault ${JSON.stringify(delivery.failedByFault)}`,
    `failed attempts by reason ${JSON.stringify(delivery.failedByReason)}`,
    `non-2xx during rolling restarts ${report.rollingRestartFailures}, during kill -9 ` +
      `${report.killFailures}`,
    'faults (seconds after the delivery started):',
    ...report.faults.map(
      (fault) =>
        `  ${(fault.startedAt / 1_000).toFixed(1)}-${((fault.endedAt ?? NaN) / 1_000).toFixed(1)} ` +
        `${fault.kind} ${fault.target ?? ''} ${fault.detail ?? ''} ${fault.error ?? ''}`.trimEnd(),
    ),
    `instances that exited on their own: ${report.crashes.length}`,
    ...report.crashes.map(
      (crash) =>
        `  ${(crash.at / 1_000).toFixed(1)} ${crash.instance}: ${firstErrorLine(crash.logTail)}`,
    ),
    `streams nats-server logged as unwritable (the outbox relays recreate them): ${report.unwritableStreams.join(', ') || 'none'}`,
    `drained ${drain.drained} in ${(drain.drainMs / 1_000).toFixed(1)} s (outbox ` +
      `${drain.unpublishedOutbox}, pending ${drain.pendingMessages}, ack pending ` +
      `${drain.ackPendingMessages}, consumers ${drain.consumers})`,
    `metrics ${JSON.stringify(report.metrics)}`,
    `durations (s) ${JSON.stringify(report.durations)}`,
  ];
  for (const example of verdict.examples) {
    lines.push(`  ${example.rule} ${example.externalId}: ${example.detail}`);
  }

  lines.push(report.failures.length === 0 ? 'PASSED' : `FAILED: ${report.failures.join('; ')}`);

  return lines;
}

/** Picks the line of a log tail that names the error, such as `JetStreamStatusError: …`. */
function firstErrorLine(logTail: string): string {
  const lines = logTail.split('\n');

  return (
    lines.find((line) => /^\w*Error\b.*:/.test(line)) ??
    lines.find((line) => /"level":(50|60)/.test(line))?.slice(0, 300) ??
    'no error line in the log tail'
  );
}
