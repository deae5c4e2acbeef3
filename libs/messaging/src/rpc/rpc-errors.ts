/** The reply envelope of a request-reply capability. */
export type RpcReply<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Error returned by the remote handler; `code` is the remote error's dotted code. */
export class RemoteCapabilityError extends Error {
  override readonly name = 'RemoteCapabilityError';

  constructor(
    readonly subject: string,
    readonly code: string,
    message: string,
  ) {
    super(`${subject} failed with ${code}: ${message}`);
  }
}

/** Timeout waiting for a reply. The request may or may not have been handled. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  readonly code = 'rpc.timeout';

  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`${subject} did not answer within ${timeoutMs} ms; check that the service is running.`);
  }
}

/** No instance of the service that owns the capability is listening. */
export class CapabilityUnavailableError extends Error {
  override readonly name = 'CapabilityUnavailableError';
  readonly code = 'rpc.unavailable';

  constructor(readonly subject: string) {
    super(`No service answers ${subject}; start the service that owns it.`);
  }
}
