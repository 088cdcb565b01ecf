// One visit's recordings at the store (issue #19 item 3): both sides' archives side by side,
// kept in sync (./sync-players), the chapter marks to jump to (both pictures seek), each
// manifest's signature check against its terminal's enrolled key, and the legal hold for
// those who may set it (R13.1). Opening a picture asks the store for a ticket, which the
// store writes to its access audit (R26.1); the ticket's path is same-origin (app:// passes
// it on to the store), so the page's CSP stays media-src 'self'.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingDetail, RecordingSide } from '../../../src-shared/store-api/endpoints/recordings-search';
import { chapterClock } from '../../../src-shared/recordings/chapter-title';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { followerCorrection, sideSeconds, visitLengthMs, visitMsOf, type PlayerSide } from './sync-players';

const asPlayer = (s: RecordingSide): PlayerSide => ({ offsetMs: s.offsetMs, durationMs: s.archive?.durationMs ?? 0 });

function SignatureBadge({ side }: { side: RecordingSide }) {
  const { t } = useTranslation();
  const ok = side.signature.verified;
  return (
    <div
      className={`desk-signature ${ok ? 'desk-signature--ok' : 'desk-signature--bad'}`}
      data-testid="rec-signature"
      data-side={side.side}
      data-verified={String(ok)}
    >
      <strong>{ok ? t('deskRecordings.signature.ok') : t('deskRecordings.signature.bad')}</strong>
      <span>{side.signature.message}</span>
      {side.signature.keySha256 && <code className="desk-muted">SHA-256:{side.signature.keySha256.slice(0, 16)}…</code>}
    </div>
  );
}

function LegalHold({ detail, onChange }: { detail: RecordingDetail; onChange(d: RecordingDetail): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [reason, setReason] = useState('');
  const hold = detail.visit.legalHold;
  const toggle = async () => {
    const r = await task.run(() =>
      deskCall(client.desk.recordingHold({ visitId: detail.visit.visitId, held: hold === null, reason })),
    );
    if (r) {
      setReason('');
      onChange({ ...detail, visit: { ...detail.visit, legalHold: r.legalHold } });
    }
  };
  return (
    <div className="desk-recordings__hold" data-testid="rec-hold" data-held={String(hold !== null)}>
      <p>
        {hold
          ? t('deskRecordings.hold.on', { by: hold.by, at: hold.at.slice(0, 10), reason: hold.reason })
          : t('deskRecordings.hold.off', { days: detail.retentionDays })}
      </p>
      {detail.mayHold && (
        <div className="desk-row">
          <input
            data-testid="rec-hold-reason"
            aria-label={t('deskRecordings.hold.reason')}
            placeholder={t('deskRecordings.hold.reason')}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="button"
            data-testid="rec-hold-toggle"
            disabled={task.busy}
            onClick={() => void toggle()}
          >
            {hold ? t('deskRecordings.hold.release') : t('deskRecordings.hold.set')}
          </button>
        </div>
      )}
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}

export function RecordingPlayback({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [detail, setDetail] = useState<RecordingDetail | null>(null);
  const [sources, setSources] = useState<Record<string, string>>({});
  const [visitMs, setVisitMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const videos = useRef<Array<HTMLVideoElement | null>>([]);

  useEffect(() => {
    void run(async () => {
      const d = await deskCall(client.desk.recordingVisit({ visitId }));
      setDetail(d);
      const urls: Record<string, string> = {};
      for (const side of d.sides) {
        if (!side.archive) continue;
        const ticket = await deskCall(client.desk.recordingTicket({ uploadId: side.archive.uploadId, purpose: 'playback' }));
        urls[side.side] = ticket.path;
      }
      setSources(urls);
    });
  }, [client, run, visitId]);

  const sides = useMemo(() => detail?.sides.filter((s) => s.archive) ?? [], [detail]);
  const leaderIndex = 0;

  /** Jumps both pictures to a moment of the visit. */
  const seek = useCallback(
    (ms: number) => {
      sides.forEach((side, i) => {
        const v = videos.current[i];
        if (v) v.currentTime = sideSeconds(ms, asPlayer(side));
      });
      setVisitMs(ms);
    },
    [sides],
  );

  const onLeaderTime = () => {
    const leader = videos.current[leaderIndex];
    const leadSide = sides[leaderIndex];
    if (!leader || !leadSide) return;
    const ms = visitMsOf(leader.currentTime, asPlayer(leadSide));
    setVisitMs(ms);
    sides.forEach((side, i) => {
      const v = videos.current[i];
      if (i === leaderIndex || !v) return;
      const jump = followerCorrection(ms, asPlayer(side), v.currentTime);
      if (jump !== null) v.currentTime = jump;
    });
  };

  const playPause = () => {
    const all = videos.current.filter((v): v is HTMLVideoElement => v !== null);
    if (playing) {
      all.forEach((v) => v.pause());
      setPlaying(false);
    } else {
      void Promise.all(all.map((v) => v.play())).then(
        () => setPlaying(true),
        () => setPlaying(false),
      );
    }
  };

  const download = async (side: RecordingSide) => {
    if (!side.archive) return;
    const archive = side.archive;
    const ticket = await run(() => deskCall(client.desk.recordingTicket({ uploadId: archive.uploadId, purpose: 'download' })));
    if (!ticket) return;
    const a = document.createElement('a');
    a.href = ticket.path;
    a.download = ticket.filename;
    a.click();
  };

  return (
    <section className="card desk-recordings" data-testid="rec-playback" data-visit={visitId}>
      <div className="desk-recordings__head">
        <button
          type="button"
          className="button button--quiet"
          data-testid="rec-back"
          onClick={() => deskActions().openDeskView({ name: 'recordings' })}
        >
          {t('deskRecordings.back')}
        </button>
        {detail && (
          <h2 className="card__title">
            {detail.visit.date} {detail.visit.startTime} · {detail.visit.inmate.name} · {detail.visit.prison} ↔{' '}
            {detail.visit.remoteSite}
          </h2>
        )}
      </div>
      <RefusalNote refusal={task.refusal} />
      {detail && (
        <>
          <div className="desk-recordings__players">
            {detail.sides.map((side) => {
              const index = sides.indexOf(side);
              return (
                <figure key={side.side} className="desk-recordings__player" data-side={side.side}>
                  <figcaption>
                    {t(`deskRecordings.side.${side.side}`)}：{side.site} · {side.room}
                  </figcaption>
                  {side.archive && sources[side.side] ? (
                    <video
                      data-testid="rec-video"
                      data-side={side.side}
                      ref={(el) => {
                        videos.current[index] = el;
                      }}
                      src={sources[side.side]}
                      preload="auto"
                      playsInline
                      onTimeUpdate={index === leaderIndex ? onLeaderTime : undefined}
                      onEnded={() => setPlaying(false)}
                    />
                  ) : (
                    <p className="desk-muted">{side.archive ? t('deskRecordings.loading') : t('deskRecordings.noArchive')}</p>
                  )}
                  <SignatureBadge side={side} />
                  {side.archive && (
                    <button
                      type="button"
                      className="button button--quiet"
                      data-testid="rec-download"
                      onClick={() => void download(side)}
                    >
                      {t('deskRecordings.download')}
                    </button>
                  )}
                </figure>
              );
            })}
          </div>
          <div className="desk-row">
            <button type="button" className="button" data-testid="rec-play" onClick={playPause}>
              {playing ? t('deskRecordings.pause') : t('deskRecordings.playBoth')}
            </button>
            <span data-testid="rec-clock" className="desk-nowrap">
              {chapterClock(visitMs)} / {chapterClock(visitLengthMs(sides.map(asPlayer)))}
            </span>
          </div>
          <h3>{t('deskRecordings.chapters')}</h3>
          {detail.chapters.length === 0 && <p className="desk-muted">{t('deskRecordings.noChapters')}</p>}
          <ol className="desk-recordings__chapters" data-testid="rec-chapters">
            {detail.chapters.map((c) => (
              <li key={`${c.atMs}-${c.side}-${c.title}`} data-kind={c.kind}>
                <button
                  type="button"
                  className="desk-chapter"
                  data-testid="rec-chapter"
                  data-at={c.atMs}
                  onClick={() => seek(c.atMs)}
                >
                  <span className="desk-chapter__time">{chapterClock(c.atMs)}</span>
                  <span>{c.title}</span>
                </button>
              </li>
            ))}
          </ol>
          <LegalHold detail={detail} onChange={setDetail} />
        </>
      )}
    </section>
  );
}
