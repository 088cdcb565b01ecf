// The visit's events in plain Chinese, newest first (R24.1, R26.1): read from main's audit
// log for this visit (admin.visitAudit) every few seconds and whenever a notice arrives.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visitTimeline, type TimelineLine } from '../../src-shared/audit/visit-timeline';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { useKiosk } from '../app/kiosk-context';
import { clockOf } from '../call/format';

const REFRESH_MS = 3_000;
const LIMIT = 300;

export function VisitTimeline({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [lines, setLines] = useState<TimelineLine[]>([]);
  const { visitId } = call;
  const notices = call.notices.length;
  const phase = call.phase;

  useEffect(() => {
    if (!client) return;
    let stopped = false;
    const read = () =>
      void client.admin.visitAudit({ visitId, limit: LIMIT }).then(
        (entries) => !stopped && setLines(visitTimeline(entries)),
        () => undefined,
      );
    read();
    const id = window.setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
  }, [client, visitId, notices, phase]);

  return <TimelineList lines={lines} title={t('consoleVisit.timeline')} empty={t('consoleVisit.timelineEmpty')} />;
}

export function TimelineList({ lines, title, empty }: { lines: readonly TimelineLine[]; title: string; empty: string }) {
  return (
    <section className="visit-timeline" data-testid="visit-timeline" aria-label={title}>
      <h3 className="visit-timeline__title">{title}</h3>
      {lines.length === 0 ? (
        <p className="console__empty">{empty}</p>
      ) : (
        <ol className="visit-timeline__list">
          {[...lines].reverse().map((l) => (
            <li key={l.seq} data-testid="timeline-line" data-kind={l.kind} data-tone={l.tone}>
              <time dateTime={l.at}>{clockOf(l.at)}</time>
              <span className="visit-timeline__label">{l.label}</span>
              <span className="visit-timeline__text">{l.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
