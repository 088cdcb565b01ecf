// Issue #21 item 2: spoken prompts through the platform's speech synthesis (Windows' and Chromium's
// Mandarin voices). The newest prompt replaces one still being spoken, so a warning is never
// queued behind an old time notice. Muted or at volume 0 nothing is spoken; the same words are
// always on the screen (for the deaf and when the machine has no voice).
import type { DisplaySettings } from '../../src-shared/ipc/display-contract';

/** A little slower than the default: many visitors are elderly. */
const RATE = 0.9;

export function speak(text: string, speech: DisplaySettings['speech'], lang = 'zh-CN'): boolean {
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || speech.muted || speech.volume === 0 || text === '')
    return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  const prefix = lang.slice(0, 2).toLowerCase();
  const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').toLowerCase().startsWith(prefix));
  if (voice) utterance.voice = voice;
  utterance.volume = speech.volume / 100;
  utterance.rate = RATE;
  synth.cancel();
  synth.speak(utterance);
  return true;
}
