// The store's NUL check (PostgreSQL cannot hold U+0000): it names the first field holding one,
// and reads only parsed JSON, never a raw body's bytes (an installer upload is a Buffer).
import { describe, expect, it } from 'vitest';
import { nulCharacterPath } from '../../../src-server/http/nul-characters';

describe('nulCharacterPath', () => {
  it('names the first string or key that holds U+0000, through objects and arrays', () => {
    expect(nulCharacterPath({ a: 'x', b: [{ c: 'y' }, { d: 'z\u0000' }] }, 'body')).toBe('body.b.1.d');
    expect(nulCharacterPath({ ['k\u0000']: 1 }, 'body')).toBe('body');
    expect(nulCharacterPath('\u0000', 'params')).toBe('params');
    expect(nulCharacterPath({ a: 'x', n: 1, t: true, z: null }, 'body')).toBeNull();
  });

  it('does not walk a raw body: a Buffer full of zero bytes is bytes, not fields', () => {
    expect(nulCharacterPath(Buffer.alloc(4 * 1024 * 1024), 'body')).toBeNull();
    expect(nulCharacterPath(new Uint8Array(16), 'body')).toBeNull();
  });
});
