import type { z } from 'zod';

/** What was wrong with a field: callers branch on this, clerks read `message`. */
export type InputProblem =
  | 'malformed-date'
  | 'malformed-time'
  | 'unknown-code' // e.g. a relationship code outside R36.1/R37.1
  | 'invalid-id-number'
  | 'invalid';

export interface InputIssue {
  /** Dotted path from the root argument, e.g. 'visit.participants.1.role.relationship'. */
  field: string;
  problem: InputProblem;
  message: string;
}

/**
 * Bad input to the rules: never a decision, never a guess. `field` names the
 * first offending field; `issues` lists all of them.
 */
export class RegulationInputError extends Error {
  readonly code = 'regulation-input';
  readonly field: string;
  readonly problem: InputProblem;
  constructor(readonly issues: readonly InputIssue[]) {
    const first = issues[0] ?? { field: '(root)', problem: 'invalid' as const, message: 'invalid input' };
    super(`${first.field}: ${first.message}`);
    this.name = 'RegulationInputError';
    this.field = first.field;
    this.problem = first.problem;
  }
}

function problemOf(issue: z.core.$ZodIssue): InputProblem {
  if (issue.code === 'custom') {
    const reason: unknown = issue.params?.['reason'];
    if (reason === 'malformed-date' || reason === 'malformed-time' || reason === 'invalid-id-number') return reason;
    return 'invalid';
  }
  return issue.code === 'invalid_value' ? 'unknown-code' : 'invalid';
}

export function toInputError(error: z.ZodError, root: string): RegulationInputError {
  return new RegulationInputError(
    error.issues.map((issue) => ({
      field: [root, ...issue.path.map(String)].filter((p) => p !== '').join('.'),
      problem: problemOf(issue),
      message: issue.message,
    })),
  );
}

/** Parse `value` with `schema`, or throw a RegulationInputError rooted at `root`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw toInputError(result.error, root);
  return result.data;
}
