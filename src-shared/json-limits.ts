// Limits on a value that arrived as JSON from outside (a terminal, a peer, the store),
// checked before anything recursive (JSON.stringify, canonical JSON, zod) walks it:
// JSON.parse itself takes any depth, but a 6,000-deep array overflows the stack of
// every recursive walker after it, and `1e999` parses to Infinity, which has no JSON
// form. The walk here is iterative, so it cannot overflow itself.

export interface JsonLimits {
  /** Deepest nesting allowed: a scalar is depth 0, `{}` / `[]` depth 1. */
  maxDepth: number;
  /** Most values (objects, arrays, scalars) in the whole tree. */
  maxNodes?: number;
}

export interface JsonProblem {
  /** Where, from the value's root (keys and array indexes). */
  path: (string | number)[];
  message: string;
}

/** The first place where `value` breaks the limits or is not plain JSON; null when it is fine. */
export function jsonLimitProblem(value: unknown, limits: JsonLimits): JsonProblem | null {
  return withinLimits(value, limits) ? null : placeOfProblem(value, limits);
}

/**
 * The same checks without building a path per value (issue 22.4: the audit ingest checks 500
 * payloads a request, and the paths cost more than the checks): values and their depths on
 * two parallel stacks. False exactly when placeOfProblem finds something, which then names it.
 */
function withinLimits(value: unknown, limits: JsonLimits): boolean {
  const maxNodes = limits.maxNodes ?? Number.POSITIVE_INFINITY;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() ?? 0;
    nodes += 1;
    if (nodes > maxNodes) return false;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      continue;
    }
    if (typeof v !== 'object' || depth >= limits.maxDepth) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return true;
}

function placeOfProblem(value: unknown, limits: JsonLimits): JsonProblem | null {
  const maxNodes = limits.maxNodes ?? Number.POSITIVE_INFINITY;
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    nodes += 1;
    if (nodes > maxNodes) return { path, message: `内容过多（至多 ${maxNodes} 个值）` };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, message: '须为有限数字（不接受 Infinity、NaN 或超出范围的数字）' };
      continue;
    }
    if (typeof v !== 'object') return { path, message: `不是 JSON 值（${typeof v}）` };
    if (path.length >= limits.maxDepth) return { path, message: `嵌套过深（至多 ${limits.maxDepth} 层）` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: [...path, i] });
    } else {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}
