// Issue #19: the monitoring centre (R13.1 real-time monitoring, R29.1 the province oversees
// every site): the live visits in the officer's scope (room, inmate, visitors, remaining
// time, link, warnings, observers), refreshed every few seconds, and a wall of up to 9 of
// them as small video tiles. The officer listens to one tile at a time and may warn or
// terminate that visit with a coded reason.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WALL_SIZE } from '../../../src-shared/ipc/desk-monitor-contract';
import type { LiveVisit } from '../../../src-shared/store-api/endpoints/monitor';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { ActionBar } from './ActionBar';
import { remainingText } from './monitor-format';
import { WallTile } from './WallTile';
import '../../styles/monitor.css';

const REFRESH_MS = 3000;

export function MonitorView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [visits, setVisits] = useState<LiveVisit[]>([]);
  /** Taken off the wall by the officer; the others fill it in list order, at most WALL_SIZE. */
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [listening, setListening] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    const load = () => void run(() => deskCall(client.desk.liveVisits())).then((v) => !stop && v && setVisits(v));
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      stop = true;
      window.clearInterval(timer);
    };
  }, [client, run]);

  const wall = visits.filter((v) => !hidden.has(v.visitId)).slice(0, WALL_SIZE);
  const onWall = new Set(wall.map((v) => v.visitId));
  const heard = listening !== null && onWall.has(listening) ? listening : null;
  const toggle = (visitId: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(visitId)) next.delete(visitId);
      else next.add(visitId);
      return next;
    });

  return (
    <section className="monitor" data-testid="desk-monitor">
      <div className="card">
        <h2 className="card__title">{t('monitor.list')}</h2>
        <p className="console__note">{t('monitor.subtitle')}</p>
        {visits.length === 0 ? (
          <p data-testid="monitor-empty">{t('monitor.empty')}</p>
        ) : (
          <table className="desk-table monitor__table">
            <thead>
              <tr>
                <th>{t('monitor.col.room')}</th>
                <th>{t('monitor.col.inmate')}</th>
                <th>{t('monitor.col.visitors')}</th>
                <th>{t('monitor.col.remaining')}</th>
                <th>{t('monitor.col.link')}</th>
                <th>{t('monitor.col.warnings')}</th>
                <th>{t('monitor.col.observers')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <tr key={v.visitId} data-testid="live-row" data-visit={v.visitId}>
                  <td>
                    {v.room.organisation} {v.room.name}
                    <br />⇄ {v.remoteRoom.organisation} {v.remoteRoom.name}
                  </td>
                  <td>{v.inmateName}</td>
                  <td>{v.visitors.join('、')}</td>
                  <td data-testid="live-remaining">{remainingText(v.remainingMs, t)}</td>
                  <td>
                    <span className={`desk-badge${v.link === 'good' ? '' : ' desk-badge--warn'}`}>
                      {t(`monitor.link.${v.link}`)}
                    </span>
                  </td>
                  <td data-testid="live-warnings">{v.warnings}</td>
                  <td>{v.observers}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--quiet"
                      data-testid="live-wall-toggle"
                      disabled={!onWall.has(v.visitId) && wall.length >= WALL_SIZE}
                      title={!onWall.has(v.visitId) && wall.length >= WALL_SIZE ? t('monitor.full') : undefined}
                      onClick={() => toggle(v.visitId)}
                    >
                      {onWall.has(v.visitId) ? t('monitor.unwatch') : t('monitor.watch')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <RefusalNote refusal={task.refusal} />
      </div>
      {wall.length > 0 && (
        <div className="card">
          <h2 className="card__title">{t('monitor.wall')}</h2>
          <div className="monitor__wall" data-testid="monitor-wall" data-tiles={wall.length}>
            {wall.map((v) => (
              <WallTile
                key={v.visitId}
                visit={v}
                listening={heard === v.visitId}
                onListen={() => setListening(heard === v.visitId ? null : v.visitId)}
              />
            ))}
          </div>
          {heard !== null && <ActionBar key={heard} visitId={heard} />}
        </div>
      )}
    </section>
  );
}
