import { ContractViolationError } from '@retail-sync/contracts';

/**
 * A failure worth retrying later: a dependency is down, busy or not ready yet (an order's refund
 * arrived before the order). The consumer naks with back-off instead of recording an exception.
 */
export class TransientError extends Error {
  override readonly name: string = 'TransientError';

  constructor(
    message: string,
    readonly code = 'transient',
    /** Minimum wait before the next attempt, such as an ERP's Retry-After. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * A failure that retrying cannot fix: the input breaks a contract or a business rule (an
 * unmapped SKU). It becomes an exception record at once; a person fixes the cause and replays.
 */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';

  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export type FailureClass = 'transient' | 'permanent';

export interface ClassifiedFailure {
  failureClass: FailureClass;
  code: string;
  message: string;
  retryAfterMs?: number;
}

/** SQLSTATE classes that mean the database is unavailable or the transaction lost a race. */
const TRANSIENT_SQLSTATE = /^(08|40|53|57P0[1-3]|55P03|58)/;
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Sorts an error into transient or permanent. Domain errors that carry a dotted `code`
 * (`tax.unmapped`) are business-rule failures and permanent. Errors of unknown kind count as
 * transient, so a bug is retried with back-off and ends as an `exhausted` exception record.
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TransientError) {
    return {
      failureClass: 'transient',
      code: error.code,
      message,
      retryAfterMs: error.retryAfterMs,
    };
  }

  if (error instanceof PermanentError) {
    return { failureClass: 'permanent', code: error.code, message };
  }

  if (error instanceof ContractViolationError) {
    return { failureClass: 'permanent', code: 'contract.violation', message };
  }

  const code = errorCode(error);
  if (code && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) {
    return { failureClass: 'transient', code: `infrastructure.${code}`, message };
  }

  if (code && /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(code)) {
    return { failureClass: 'permanent', code, message };
  }

  return { failureClass: 'transient', code: 'unexpected', message };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }

  const candidate = error as { code?: unknown; driverError?: { code?: unknown }; cause?: unknown };
  if (typeof candidate.driverError?.code === 'string') {
    return candidate.driverError.code;
  }

  if (typeof candidate.code === 'string') {
    return candidate.code;
  }

  return candidate.cause ? errorCode(candidate.cause) : undefined;
}
