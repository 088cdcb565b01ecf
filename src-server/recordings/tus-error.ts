// @tus/server answers a thrown { status_code, body } as is; this carries our
// error body ({ error: { code, message, issues } }) through it.
import { ApiError } from '../http/api-error';

export class TusHttpError extends Error {
  readonly status_code: number;
  readonly body: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'TusHttpError';
    this.status_code = error.statusCode;
    this.body = JSON.stringify(error.toBody());
  }
}

/** Runs a hook step; an ApiError becomes a tus error response. */
export async function asTusErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError) throw new TusHttpError(err);
    throw err;
  }
}
