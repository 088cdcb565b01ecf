// A refusal the administrator can read out: which requirement it applied and why, in zh-CN.
export interface Refusal {
  readonly requirement: string | null;
  readonly code: string;
  readonly message: string;
}

export const refusal = (requirement: string | null, code: string, message: string): Refusal => ({ requirement, code, message });
