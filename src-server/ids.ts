import { randomUUID } from 'node:crypto';

/** Primary keys are UUID text on both engines. */
export const newId = (): string => randomUUID();
