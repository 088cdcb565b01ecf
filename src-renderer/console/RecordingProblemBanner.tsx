// R13.1: a recording never stops silently. Every recording.problem main
// pushes (disk getting full while the rest still fits, ffmpeg restarted or failing, a write
// that failed) stays on the supervision console as a banner until an administrator
// acknowledges it; errors first. Main's message is already in clear zh-CN.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskEventPayload } from '../../src-shared/ipc/contract';
import { useKiosk } from '../app/kiosk-context';

type Problem = KioskEventPayload<'recording.problem'> & { readonly key: string; readonly at: number };

/** A newer problem of the same group on the same recording replaces the older (disk low → critical stays one line). */
const keyOf = (p: KioskEventPayload<'recording.problem'>): string => {
  const group = p.kind.startsWith('disk') ? 'disk' : p.kind.startsWith('ffmpeg') ? 'ffmpeg' : p.kind;
  return `${p.recordingId}:${group}`;
};

export function RecordingProblemBanner() {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [problems, setProblems] = useState<Problem[]>([]);

  useEffect(() => {
    if (!kiosk) return undefined;
    return kiosk.on('recording.problem', (p) => {
      const key = keyOf(p);
      setProblems((list) => [...list.filter((q) => q.key !== key), { ...p, key, at: Date.now() }]);
    });
  }, [kiosk]);

  if (problems.length === 0) return null;
  const ordered = [...problems].sort((a, b) => (a.severity === b.severity ? b.at - a.at : a.severity === 'error' ? -1 : 1));
  return (
    <section className="card console__panel" data-testid="recording-problems" aria-label={t('recordingBanner.title')}>
      {ordered.map((p) => (
        <div
          key={p.key}
          className="console__warn"
          role="alert"
          data-testid="recording-problem-banner"
          data-severity={p.severity}
          data-kind={p.kind}
        >
          <strong>
            {t(p.severity === 'error' ? 'recordingBanner.error' : 'recordingBanner.warning', { visitId: p.visitId })}
          </strong>{' '}
          <span data-testid="recording-problem-message">{p.message}</span>{' '}
          <button
            type="button"
            className="button"
            data-testid="recording-problem-dismiss"
            onClick={() => setProblems((list) => list.filter((q) => q.key !== p.key))}
          >
            {t('recordingBanner.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
