import type { Unchecked } from './shopify-order.types.js';

export type JsonObject = Record<string, unknown>;

/** The problems found in one payload, collected so that one error can report them all. */
export class PayloadProblems {
  readonly messages: string[] = [];

  /** Records that the field at `path` is unusable. `message` continues the sentence. */
  report(path: string, message: string): void {
    this.messages.push(`${path} ${message}`);
  }

  get isEmpty(): boolean {
    return this.messages.length === 0;
  }
}

/** An element of a payload array together with its path, such as `line_items[2]`. */
export interface PathedObject<T> {
  value: Unchecked<T>;
  path: string;
}

export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a received value for a message: `-2`, `"ABC"`, `null`, `an array`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }

  if (Array.isArray(value)) {
    return 'an array';
  }

  if (isJsonObject(value)) {
    return 'an object';
  }

  const text = JSON.stringify(value) ?? String(value);

  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Shopify sends `null` for many absent fields, so null and undefined both mean absent. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}
