// Issue #21 item 2: the spoken prompts' volume and mute for this terminal (admin.setSpeech, kept
// in its kv table). Buttons rather than a slider: a touch screen hits a 48 px step reliably.
// "试听" speaks a sample at the chosen volume, so the administrators hear what the room hears.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplaySettings } from '../../src-shared/ipc/display-contract';
import { useKiosk } from '../app/kiosk-context';
import { speak } from '../speech/speak';
import { kioskStore } from '../store';
import { useDisplay } from '../store/hooks';

const STEP = 10;

export function SpeechPanel() {
  const { t, i18n } = useTranslation();
  const client = useKiosk();
  const { speech } = useDisplay();
  const [error, setError] = useState<string | null>(null);
  const save = async (next: DisplaySettings['speech']) => {
    if (!client) return;
    try {
      kioskStore.getState().setDisplay(await client.admin.setSpeech(next));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const volume = (v: number) => void save({ ...speech, volume: Math.min(100, Math.max(0, v)) });
  return (
    <section className="card console__panel" data-testid="console-speech" aria-labelledby="console-speech-title">
      <h2 id="console-speech-title" className="card__title">
        {t('console.speech.title')}
      </h2>
      <p className="console-speech__value" data-testid="speech-volume" aria-live="polite">
        {speech.muted ? t('console.speech.mutedNow') : t('console.speech.volume', { n: speech.volume })}
      </p>
      <div className="console-speech__row">
        <button type="button" className="button" data-testid="speech-quieter" onClick={() => volume(speech.volume - STEP)}>
          {t('console.speech.quieter')}
        </button>
        <button type="button" className="button" data-testid="speech-louder" onClick={() => volume(speech.volume + STEP)}>
          {t('console.speech.louder')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="speech-mute"
          aria-pressed={speech.muted}
          onClick={() => void save({ ...speech, muted: !speech.muted })}
        >
          {t('console.speech.mute')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="speech-try"
          onClick={() => speak(t('speech.placeCard'), speech, i18n.language)}
        >
          {t('console.speech.try')}
        </button>
      </div>
      {error && (
        <p className="console-speech__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
