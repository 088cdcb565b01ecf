// The terminal's local recordings (R13.1): state, upload and verification,
// a button to verify again and a player for the archive (same-origin URL, so the CSP's
// media-src 'self' allows it). Refreshed by main's recording.* events.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { recordingSummarySchema } from '../../src-shared/ipc/contract';
import { localDateTime } from '../app/dates';
import { useKiosk } from '../app/kiosk-context';

type Summary = z.infer<typeof recordingSummarySchema>;

const minutesSeconds = (ms: number | null): string => {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function RecordingsPanel() {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [rows, setRows] = useState<Summary[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [player, setPlayer] = useState<{ url: string; visitId: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(() => {
    if (!kiosk) return;
    kiosk.recording
      .list()
      .then(setRows, (error: unknown) => setMessage(t('console.recordings.failed', { message: String(error) })));
  }, [kiosk, t]);

  useEffect(() => {
    refresh();
    if (!kiosk) return undefined;
    const offState = kiosk.on('recording.state', () => refresh());
    const offProblem = kiosk.on('recording.problem', (p) => setMessage(t('console.recordings.problem', { message: p.message })));
    return () => {
      offState();
      offProblem();
    };
  }, [kiosk, refresh, t]);

  const verify = (recordingId: string) => {
    if (!kiosk) return;
    setBusy(recordingId);
    kiosk.recording
      .verify({ recordingId })
      .then(
        () => refresh(),
        (error: unknown) =>
          setMessage(t('console.recordings.failed', { message: error instanceof Error ? error.message : String(error) })),
      )
      .finally(() => setBusy(null));
  };

  const play = (row: Summary) => {
    if (!kiosk) return;
    kiosk.recording.playbackUrl({ recordingId: row.recordingId }).then(
      ({ url }) => setPlayer({ url, visitId: row.visitId }),
      (error: unknown) =>
        setMessage(t('console.recordings.failed', { message: error instanceof Error ? error.message : String(error) })),
    );
  };

  return (
    <section
      className="card console__panel console__panel--wide"
      data-testid="console-recordings"
      aria-labelledby="console-recordings-title"
    >
      <h2 id="console-recordings-title" className="card__title">
        {t('console.recordings.title')}
      </h2>
      <p className="console__note">{t('console.recordings.rule')}</p>
      {message && (
        <p className="console__warn" role="alert" data-testid="recordings-message">
          {message}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="console__empty">{t('console.recordings.empty')}</p>
      ) : (
        <div className="recordings__scroll">
          <table className="recordings" data-testid="recordings-table">
            <thead>
              <tr>
                <th scope="col">{t('console.recordings.visit')}</th>
                <th>{t('console.recordings.startedAt')}</th>
                <th>{t('console.recordings.duration')}</th>
                <th>{t('console.recordings.stateLabel')}</th>
                <th>{t('console.recordings.uploadLabel')}</th>
                <th>{t('console.recordings.verificationLabel')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.recordingId} data-testid="recording-row" data-recording-id={row.recordingId}>
                  <td>{row.visitId}</td>
                  <td>{localDateTime(row.startedAt)}</td>
                  <td>{minutesSeconds(row.durationMs)}</td>
                  <td data-testid="recording-state">{t(`console.recordings.state.${row.state}`)}</td>
                  <td>{t(`console.recordings.upload.${row.upload}`)}</td>
                  <td
                    data-testid="recording-verification"
                    className={`recordings__verification${row.verification && !row.verification.ok ? ' facts__warn' : ''}`}
                  >
                    {!row.verification
                      ? t('console.recordings.notVerified')
                      : row.verification.ok
                        ? t('console.recordings.verifiedOk', { time: localDateTime(row.verification.checkedAt) })
                        : t('console.recordings.verifiedBad', {
                            time: localDateTime(row.verification.checkedAt),
                            message: row.verification.message ?? '',
                          })}
                  </td>
                  <td className="recordings__actions">
                    <button
                      type="button"
                      className="button"
                      disabled={row.state === 'recording' || busy === row.recordingId}
                      onClick={() => verify(row.recordingId)}
                      data-testid="recording-verify"
                    >
                      {busy === row.recordingId ? t('console.recordings.verifying') : t('console.recordings.verify')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={!row.playbackPath}
                      onClick={() => play(row)}
                      data-testid="recording-play"
                    >
                      {t('console.recordings.play')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {player && (
        <figure className="recordings__player">
          <figcaption>{t('console.recordings.player', { visit: player.visitId })}</figcaption>
          <video src={player.url} controls preload="metadata" width={640} data-testid="recording-player" />
          <button type="button" className="button" onClick={() => setPlayer(null)}>
            {t('console.recordings.close')}
          </button>
        </figure>
      )}
    </section>
  );
}
