// Issue #19: one visit on the monitoring centre's wall: the two rooms' low-bitrate pictures
// side by side (prison left, visitors right), the visit's facts, and its sound only when the
// officer listens to this tile (one at a time).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignalSide } from '../../../src-shared/signaling/protocol';
import type { LiveVisit } from '../../../src-shared/store-api/endpoints/monitor';
import { useDeskClient } from '../app/desk-hooks';
import { ObserverWatch } from './observer-watch';
import { inboundVideo, tileFigures, type InboundSample, type TileFigures } from './tile-stats';
import { remainingText } from './monitor-format';

const SIDES: SignalSide[] = ['inmate', 'visitor'];
const STATS_MS = 2000;

function SideVideo({ side, stream, listening }: { side: SignalSide; stream: MediaStream | null; listening: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <div className="wall-tile__side">
      <video
        ref={ref}
        className="wall-tile__video"
        data-testid="tile-video"
        data-side={side}
        autoPlay
        playsInline
        muted={!listening}
      />
      <span className="wall-tile__label">
        {t(side === 'inmate' ? 'monitor.inmateSide' : 'monitor.visitorSide')}
        {stream === null ? ` · ${t('monitor.waiting')}` : ''}
      </span>
    </div>
  );
}

export function WallTile({ visit, listening, onListen }: { visit: LiveVisit; listening: boolean; onListen(): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const [streams, setStreams] = useState<Record<SignalSide, MediaStream | null>>({ inmate: null, visitor: null });
  const [closed, setClosed] = useState<string | null>(null);
  const [figures, setFigures] = useState<Partial<Record<SignalSide, TileFigures>>>({});
  const pcs = useRef<Partial<Record<SignalSide, RTCPeerConnection | null>>>({});

  useEffect(() => {
    const watch = new ObserverWatch(client, visit.visitId, {
      onStream: (side, stream, pc) => {
        pcs.current[side] = pc;
        setStreams((s) => ({ ...s, [side]: stream }));
      },
      onClosed: setClosed,
    });
    void watch.start();
    return () => watch.stop();
  }, [client, visit.visitId]);

  // The tile's own view of its link: bitrate and frame rate of each side's stream.
  useEffect(() => {
    const last: Partial<Record<SignalSide, InboundSample | null>> = {};
    const timer = window.setInterval(() => {
      for (const side of SIDES) {
        const pc = pcs.current[side];
        if (!pc) continue;
        void pc.getStats().then((report) => {
          const sample = inboundVideo(report, performance.now());
          if (!sample) return;
          const f = tileFigures(last[side] ?? null, sample);
          last[side] = sample;
          if (f) setFigures((old) => ({ ...old, [side]: f }));
        });
      }
    }, STATS_MS);
    return () => window.clearInterval(timer);
  }, []);

  const shown = SIDES.map((s) => figures[s]).filter((f): f is TileFigures => f !== undefined);
  return (
    <article
      className={`wall-tile${listening ? ' wall-tile--listening' : ''}`}
      data-testid="wall-tile"
      data-visit={visit.visitId}
      data-listening={listening}
    >
      <div className="wall-tile__videos">
        {SIDES.map((side) => (
          <SideVideo key={side} side={side} stream={streams[side]} listening={listening} />
        ))}
      </div>
      <div className="wall-tile__facts">
        <strong>{visit.room.organisation}</strong> {visit.room.name} ⇄ {visit.remoteRoom.organisation}
        <br />
        {visit.inmateName} · {remainingText(visit.remainingMs, t)}
        {visit.warnings > 0 && (
          <span className="desk-badge desk-badge--warn">{`${t('monitor.col.warnings')} ${visit.warnings}`}</span>
        )}
        {shown.length > 0 && (
          <span className="wall-tile__stats" data-testid="tile-stats">
            {shown.map((f) => t('monitor.tileStats', { kbps: f.kbps, fps: f.fps })).join(' | ')}
          </span>
        )}
        {closed !== null && (
          <span className="wall-tile__closed" role="alert">
            {closed}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button button--quiet"
        data-testid="tile-listen"
        aria-pressed={listening}
        onClick={onListen}
      >
        {listening ? t('monitor.listening') : t('monitor.listen')}
      </button>
    </article>
  );
}
