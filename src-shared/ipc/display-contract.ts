// Issue #21: how this terminal shows and speaks to the people in front of it — large type for the
// desk and the console, the spoken prompts' volume and mute. Kept in the terminal's kv table like
// its other small settings (src-main/admin/display-settings.ts). Spread into contract.ts's admin
// namespace, so the methods are admin.displaySettings and so on.
import { z } from 'zod';
import { method } from './method';

export const speechSettingsSchema = z
  .object({
    /** 0–100, the spoken prompts' loudness (SpeechSynthesisUtterance.volume × 100). */
    volume: z.number().int().min(0, '音量应在 0 到 100 之间').max(100, '音量应在 0 到 100 之间'),
    muted: z.boolean(),
  })
  .strict();

export const displaySettingsSchema = z
  .object({
    largeType: z.boolean(),
    speech: speechSettingsSchema,
  })
  .strict();

export type DisplaySettings = z.infer<typeof displaySettingsSchema>;

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = { largeType: false, speech: { volume: 80, muted: false } };

export const displayContract = {
  /** Read by every window at start (the idle screen included, before anyone logs in). */
  displaySettings: method(z.undefined(), displaySettingsSchema, 'none'),
  /** Large type is how the screen reads, like a zoom: whoever is at the desk or console may switch it. */
  setLargeType: method(z.object({ largeType: z.boolean() }).strict(), displaySettingsSchema, 'none'),
  /** Whether and how loud the terminal speaks to visitors: an administrator's setting. */
  setSpeech: method(speechSettingsSchema, displaySettingsSchema, 'one-admin'),
};
