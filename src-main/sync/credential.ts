// The terminal's credential for the central store: its id and secret, from
// enrolment. Kept in the data folder readable by the terminal's account only (0600); the
// renderer never sees it (design.md "Renderer").
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const CREDENTIAL_FILE = 'central-credential.json';

const credentialSchema = z.object({
  terminalId: z.string().min(1),
  secret: z.string().min(1),
  roomId: z.string(),
  organisationId: z.string(),
  centralStoreUrl: z.string(),
  enrolledAt: z.string(),
});
export type TerminalCredential = z.infer<typeof credentialSchema>;

export const credentialPath = (dataDir: string): string => join(dataDir, CREDENTIAL_FILE);

/** The stored credential, or null when the terminal is not enrolled (or the file is unreadable). */
export function readCredential(dataDir: string): TerminalCredential | null {
  const path = credentialPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    const parsed = credentialSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeCredential(dataDir: string, credential: TerminalCredential): void {
  const path = credentialPath(dataDir);
  const partial = `${path}.partial`;
  writeFileSync(partial, JSON.stringify(credential, null, 2), { mode: 0o600 });
  chmodSync(partial, 0o600); // the mode of writeFileSync is subject to the umask
  renameSync(partial, path);
}
