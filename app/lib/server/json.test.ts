import { describe, expect, it } from 'vitest';
import { stringifyJson } from './json.ts';

describe('stringifyJson', () => {
  it('writes bigints as exact decimal strings, at any depth', () => {
    expect(stringifyJson({ a: 9007199254740993n, rows: [{ b: -1n, c: 2, d: null }] })).toBe(
      '{"a":"9007199254740993","rows":[{"b":"-1","c":2,"d":null}]}',
    );
  });
});
