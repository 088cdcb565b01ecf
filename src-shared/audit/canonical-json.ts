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
  return write(value, '$', 0);
}

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
