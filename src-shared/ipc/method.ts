// One method of the IPC contract: its argument and result schemas, and who may call it.
// The third argument is required, so a method cannot be declared without its requirement.
import type { z } from 'zod';
import type { Access } from './access';

export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly access: Access;
}

export const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R, access: Access): MethodSpec<A, R> => ({
  args,
  result,
  access,
});
