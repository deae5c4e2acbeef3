import {
  describeValue,
  fieldPath,
  isAbsent,
  isJsonObject,
  type PathedObject,
  type PayloadProblems,
} from './payload-problems.js';
import type { Unchecked } from './shopify-order.types.js';

/** Reads a required string, or returns '' after reporting a missing or non-string value. */
export function readRequiredString<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
): string {
  const value = source[key];
  if (typeof value === 'string') {
    return value;
  }

  const path = fieldPath(parent, key);
  if (isAbsent(value)) {
    problems.report(path, 'is required');
  } else {
    problems.report(path, `must be a string, got ${describeValue(value)}`);
  }

  return '';
}

/** Reads an optional string. Null, undefined and, with `emptyIsAbsent`, '' give undefined. */
export function readOptionalString<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  options: { emptyIsAbsent?: boolean } = {},
): string | undefined {
  const value = source[key];
  if (isAbsent(value)) {
    return undefined;
  }

  if (typeof value !== 'string') {
    problems.report(fieldPath(parent, key), `must be a string, got ${describeValue(value)}`);

    return undefined;
  }

  return options.emptyIsAbsent && value === '' ? undefined : value;
}

/** Reads a boolean. An absent value gives `fallback`, or is reported when there is none. */
export function readBoolean<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  fallback?: boolean,
): boolean {
  const value = source[key];
  if (typeof value === 'boolean') {
    return value;
  }

  const path = fieldPath(parent, key);
  if (isAbsent(value)) {
    if (fallback === undefined) {
      problems.report(path, 'is required');
    }

    return fallback ?? false;
  }

  problems.report(path, `must be true or false, got ${describeValue(value)}`);

  return false;
}

/**
 * Reads a Shopify id (a JSON number or a string) as a string. A number above 2^53 has already
 * lost digits in JSON.parse and could name another resource, so it is reported, not rounded.
 */
export function readId<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  required: boolean,
): string | undefined {
  const value = source[key];
  const path = fieldPath(parent, key);
  if (isAbsent(value)) {
    if (required) {
      problems.report(path, 'is required');
    }

    return undefined;
  }

  if (typeof value === 'string' && value.trim() !== '') {
    return value;
  }

  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return String(value);
  }

  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    problems.report(path, `exceeds 2^53 and lost precision in JSON parsing, got ${value}`);
  } else {
    problems.report(
      path,
      `must be a non-negative integer or a non-empty string, got ${describeValue(value)}`,
    );
  }

  return undefined;
}

/**
 * Reads a non-negative integer such as a quantity or an index. Returns undefined when it is
 * absent (reported if `required`) or invalid (always reported).
 */
export function readNonNegativeInteger<T>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  required: boolean,
): number | undefined {
  const value = source[key];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return value;
  }

  const path = fieldPath(parent, key);
  if (!isAbsent(value)) {
    problems.report(path, `must be a non-negative integer, got ${describeValue(value)}`);
  } else if (required) {
    problems.report(path, 'is required');
  }

  return undefined;
}

/**
 * Reads an array of objects. An absent optional array gives [], and every element that is not
 * an object is reported with its index.
 */
export function readObjectArray<T, E>(
  problems: PayloadProblems,
  source: Unchecked<T>,
  key: keyof T & string,
  parent: string,
  required: boolean,
): PathedObject<E>[] {
  const value = source[key];
  const path = fieldPath(parent, key);
  if (isAbsent(value)) {
    if (required) {
      problems.report(path, 'is required');
    }

    return [];
  }

  if (!Array.isArray(value)) {
    problems.report(path, `must be an array, got ${describeValue(value)}`);

    return [];
  }

  const elements: PathedObject<E>[] = [];
  value.forEach((element: unknown, index) => {
    const elementPath = `${path}[${index}]`;
    if (isJsonObject(element)) {
      elements.push({ value: element as Unchecked<E>, path: elementPath });
    } else {
      problems.report(elementPath, `must be an object, got ${describeValue(element)}`);
    }
  });

  return elements;
}
