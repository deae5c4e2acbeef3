import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  EVENT_CATALOG,
  REQUEST_CATALOG,
  isEventSubject,
  isRequestSubject,
  type EventPayload,
  type EventSubject,
  type ReplyPayload,
  type RequestPayload,
  type RequestSubject,
} from '../catalog.js';
import { CloudEventEnvelope } from '../envelope/cloud-event.js';

/** A message that does not match its contract; permanent, so it is never retried. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';

  constructor(
    readonly subject: string,
    readonly violations: string[],
  ) {
    super(`Invalid ${subject} message: ${violations.join('; ')}`);
  }
}

/**
 * Validates a plain object against a contract class, rejecting unknown properties, and returns an
 * instance of that class. Throws {@link ContractViolationError} listing every violation.
 */
export function validatePayload<T extends object>(
  type: new () => T,
  plain: unknown,
  label: string,
): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ContractViolationError(label, ['payload must be a JSON object']);
  }

  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ContractViolationError(label, flattenErrors(errors));
  }

  return instance;
}

/** Parses a CloudEvents envelope and its `data` against the payload class of its `type`. */
export function parseEnvelope(
  plain: unknown,
): CloudEventEnvelope<unknown> & { type: EventSubject } {
  const raw = plain as { data?: unknown; type?: unknown } | null;
  const data = raw?.data;
  const type = typeof raw?.type === 'string' ? raw.type : 'unknown';
  if (!isEventSubject(type)) {
    throw new ContractViolationError(type, [`unknown event type "${type}"`]);
  }

  // The envelope is checked without its data, which is checked against its own class below.
  const { data: _data, ...attributes } = raw as Record<string, unknown>;
  const envelope = validatePayload(CloudEventEnvelope, attributes, `${type} envelope`);
  envelope.data = parseEventPayload(type, data);

  return envelope as CloudEventEnvelope<unknown> & { type: EventSubject };
}

export function parseEventPayload<S extends EventSubject>(
  subject: S,
  data: unknown,
): EventPayload<S> {
  return validatePayload(
    EVENT_CATALOG[subject].payload as new () => EventPayload<S>,
    data,
    subject,
  );
}

export function parseRequest<S extends RequestSubject>(
  subject: S,
  data: unknown,
): RequestPayload<S> {
  if (!isRequestSubject(subject)) {
    throw new ContractViolationError(subject, ['unknown request subject']);
  }

  return validatePayload(
    REQUEST_CATALOG[subject].request as new () => RequestPayload<S>,
    data,
    subject,
  );
}

export function parseReply<S extends RequestSubject>(subject: S, data: unknown): ReplyPayload<S> {
  return validatePayload(
    REQUEST_CATALOG[subject].reply as new () => ReplyPayload<S>,
    data,
    `${subject} reply`,
  );
}

function flattenErrors(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const property = path ? `${path}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property)
        ? `${property}${message.slice(error.property.length)}`
        : `${property}: ${message}`,
    );

    return [...own, ...flattenErrors(error.children ?? [], property)];
  });
}
