// Issue #21 item 2: one prompt at a time, spoken (speak.ts, with the terminal's volume and mute)
// and returned for the screen, so whatever is said can also be read.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplay } from '../store/hooks';
import { speak } from './speak';
import type { Prompt } from './visitor-prompts';

export function usePrompt(): { text: string | null; say(prompt: Prompt): void } {
  const { t, i18n } = useTranslation();
  const { speech } = useDisplay();
  const [text, setText] = useState<string | null>(null);
  const say = useCallback(
    (prompt: Prompt) => {
      const words = t(prompt.key, prompt.values);
      setText(words);
      speak(words, speech, i18n.language);
    },
    [t, speech, i18n.language],
  );
  return { text, say };
}
