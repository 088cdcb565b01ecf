// PostgreSQL's text and jsonb cannot hold U+0000: a NUL anywhere in a request would reach
// the database and come back as a 500 (found by the API fuzz on the login's username).
// One check after validation (a field's own schema speaks first, with its own words)
// refuses it on every route, naming the field, so no handler has to remember it. The walk is iterative (a deep body cannot overflow it).
import type { FastifyInstance } from 'fastify';
import { invalidField } from './api-error';

const NUL = '\u0000';

/** Parsed JSON only: a raw body (a Buffer of an installer, a stream) is bytes, not fields. */
const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Whether any string or key holds U+0000, without building a path per node: the walk every
 * request pays (a 500-event audit batch is 6,000 strings), the named path only when refused.
 */
function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes(NUL)) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object' && isPlainObject(v)) {
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        if (key.includes(NUL)) return true;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The path of the first string or key holding U+0000 ('body.username'), or null. */
export function nulCharacterPath(value: unknown, root: string): string | null {
  if (!holdsNul(value)) return null;
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'string') {
      if (v.includes(NUL)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item as unknown, path: `${path}.${i}` }));
    } else if (v !== null && typeof v === 'object' && isPlainObject(v)) {
      for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
        if (key.includes(NUL)) return path;
        stack.push({ value: child, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    // A body is fields only when it is JSON; other bodies (CSV, an installer's bytes) are their route's to check.
    const json = (request.headers['content-type'] ?? '').toLowerCase().includes('json');
    const parts = { params: request.params, querystring: request.query, ...(json ? { body: request.body } : {}) };
    for (const [name, value] of Object.entries(parts)) {
      const path = nulCharacterPath(value, name);
      if (path !== null) throw invalidField(path, '内容不得含有空字符（U+0000）');
    }
  });
}
