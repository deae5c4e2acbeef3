/**
 * Splits `total` minor units in proportion to `weights` by the largest remainder (Hamilton) method:
 * each share gets the floor of its exact quota, then the units still missing go one by one to the
 * shares with the largest fractional remainders (ties to the earlier index). The shares always
 * sum to `total`. Weights are exact rationals given as numerator/denominator pairs so that
 * unrounded tax amounts can be used as weights without going through floats.
 */
export function allocateLargestRemainder(total: bigint, weights: readonly Rational[]): bigint[] {
  if (weights.length === 0) {
    throw new RangeError('Cannot allocate an amount across zero weights.');
  }

  const common = weights.reduce((acc, weight) => lcm(acc, weight.den), 1n);
  const scaled = weights.map((weight) => {
    if (weight.num < 0n || weight.den <= 0n) {
      throw new RangeError('Allocation weights must be non-negative with a positive denominator.');
    }

    return weight.num * (common / weight.den);
  });
  const weightSum = scaled.reduce((acc, weight) => acc + weight, 0n);
  if (weightSum === 0n) {
    // Nothing to be proportional to: spread evenly, which is what a zero-weight split means.
    return allocateLargestRemainder(
      total,
      weights.map(() => ({ num: 1n, den: 1n })),
    );
  }

  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const shares = scaled.map((weight) => (magnitude * weight) / weightSum);
  const remainders = scaled.map((weight, index) => ({
    index,
    remainder: (magnitude * weight) % weightSum,
  }));
  let missing = magnitude - shares.reduce((acc, share) => acc + share, 0n);
  remainders.sort(byLargestRemainder);
  for (const { index } of remainders) {
    if (missing === 0n) {
      break;
    }

    shares[index] += 1n;
    missing -= 1n;
  }

  return negative ? shares.map((share) => -share) : shares;
}

/** An exact fraction num/den. */
export interface Rational {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }

  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** Orders by descending remainder, ties by ascending index, so equal remainders favour earlier shares. */
function byLargestRemainder(
  a: { index: number; remainder: bigint },
  b: { index: number; remainder: bigint },
): number {
  if (a.remainder !== b.remainder) {
    return a.remainder > b.remainder ? -1 : 1;
  }

  return a.index - b.index;
}
