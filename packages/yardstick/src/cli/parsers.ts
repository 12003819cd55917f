// Option parsers shared by the subcommands: each rejects bad input with a message naming the value.
import { InvalidArgumentError } from 'commander';

/** An integer option in [min, max]; `what` names the expected value in the error. */
export function integerIn(min: number, max = Number.MAX_SAFE_INTEGER, what?: string): (v: string) => number {
  const expected =
    what ??
    (min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer >= ${min}`);
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected ${expected}, got '${v}'`);
    return n;
  };
}

export const positiveInt = integerIn(1);
export const nonNegativeInt = integerIn(0);
export const portNumber = integerIn(0, 65535, 'a port number (0-65535)');
