import type { EventSubject, RequestSubject, StreamName } from '@retail-sync/contracts';

const NAMESPACE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Checks a namespace; it becomes part of subjects and stream names, so its alphabet is narrow. */
export function assertNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new RangeError(
      `Invalid messaging namespace "${namespace}": use 1-32 lower-case letters, digits, - or _.`,
    );
  }
}

export function wireSubject(namespace: string, subject: EventSubject): string {
  return `${namespace}.${subject}`;
}

/** Strips the namespace from a subject received on the wire. */
export function catalogSubject(namespace: string, wire: string): string {
  return wire.startsWith(`${namespace}.`) ? wire.slice(namespace.length + 1) : wire;
}

/** Request subjects live under `<namespace>.rpc.`, outside every stream's subjects. */
export function requestSubject(namespace: string, subject: RequestSubject): string {
  return `${namespace}.rpc.${subject}`;
}

export function streamName(namespace: string, stream: StreamName): string {
  return `${namespace.replace(/[^a-z0-9_]/g, '_').toUpperCase()}_${stream}`;
}

/** Returns the durable consumer name, one per service and subject, stable across restarts. */
export function durableName(serviceName: string, subject: EventSubject): string {
  return `${serviceName}__${subject}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
