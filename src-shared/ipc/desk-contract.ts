// Desk mode (issue 9): the same app at a front desk (judicial office, county bureau, prison,
// provincial department). The renderer holds no credential and opens no connection to the
// central store (design.md): main logs the clerk in to the central store and calls its API;
// these methods are what the desk screens may ask main to do.
import type { MethodSpec } from './contract';

export const deskContract = {} as const satisfies Record<string, MethodSpec>;
