// Canonical JSON for hashing (R26.1 audit chain): object keys sorted by UTF-16 code unit,
// no whitespace, numbers as ECMAScript prints them — the same output as RFC 8785 (JCS)
// for the values we allow. The central store must hash with exactly this function.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Nesting deeper than this is refused before the recursion could run out of stack. */
export const MAX_CANONICAL_DEPTH = 64;

/**
 * A value canonical JSON cannot represent (non-finite number, non-plain object, too deep).
 * A TypeError, so older callers' checks still hold; `at` names the place (`$.a[2].b`).
 */
export class CanonicalJsonError extends TypeError {
  constructor(
    message: string,
    readonly at: string,
  ) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  return canonicalJsonAt(value, '$', 0);
}

/**
 * canonicalJson of a value found at `at`, `depth` levels inside the value being written
 * (chain-hash writes an event's payload on its own and splices it in: same bytes, same errors).
 */
export function canonicalJsonAt(value: unknown, at: string, depth: number): string {
  try {
    return fast(value, depth);
  } catch (err) {
    // Anything unusual is written again by the path-naming writer: its output or its error.
    if (err !== UNUSUAL) throw err;
    return write(value, at, depth);
  }
}

const UNUSUAL = Symbol('unusual');

/**
 * The writer every value takes first (issue 22.4: the audit ingest writes 500 payloads a
 * request): no place names, no intermediate arrays. Whatever it does not handle exactly like
 * `write` below — a non-finite number, undefined in an array, a non-plain object, too deep —
 * throws UNUSUAL, so the output is always `write`'s.
 */
function fast(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNUSUAL;
      return JSON.stringify(value);
    case 'object': {
      if (depth >= MAX_CANONICAL_DEPTH) throw UNUSUAL;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          // A hole or undefined: `write` names or maps it its own way.
          if (!(i in value) || value[i] === undefined) throw UNUSUAL;
          out += (i === 0 ? '' : ',') + fast(value[i], depth + 1);
        }
        return `${out}]`;
      }
      if (!isPlainObject(value)) throw UNUSUAL;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + fast(item, depth + 1);
      }
      return `${out}}`;
    }
    default:
      throw UNUSUAL;
  }
}

/** The reference writer: names the place of anything it refuses. */
function write(value: unknown, at: string, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; refusing beats hashing "null".
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`规范化 JSON 不接受非有限数字（${at}）`, at);
      return JSON.stringify(value);
    case 'object':
      if (depth >= MAX_CANONICAL_DEPTH)
        throw new CanonicalJsonError(`规范化 JSON 嵌套过深（至多 ${MAX_CANONICAL_DEPTH} 层，${at}）`, at);
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${at}[${i}]`, depth + 1)).join(',')}]`;
      if (!isPlainObject(value)) throw new CanonicalJsonError(`规范化 JSON 只接受普通对象（${at}）`, at);
      return `{${Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${at}.${key}`, depth + 1)}`)
        .join(',')}}`;
    default:
      throw new CanonicalJsonError(`规范化 JSON 不接受 ${typeof value} 类型的值（${at}）`, at);
  }
}
