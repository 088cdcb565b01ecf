// The visit's events in plain Chinese, newest first (R24.1, R26.1): read from main's audit
// log for this visit (admin.visitAudit) every few seconds and whenever a notice arrives —
// only what is new since the last read (a visit seals a recording segment every few seconds).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visitTimeline, type TimelineLine } from '../../src-shared/audit/visit-timeline';
import type { VisitAuditEntry } from '../../src-shared/audit/visit-timeline';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { useKiosk } from '../app/kiosk-context';
import { clockOf } from '../call/format';

const REFRESH_MS = 3_000;
const PAGE = 500;
/** At most this many pages per read (a console opened late in a long visit catches up over a few reads). */
const PAGES_PER_READ = 4;

export function VisitTimeline({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const client = useKiosk();
  const [lines, setLines] = useState<TimelineLine[]>([]);
  const { visitId } = call;
  const notices = call.notices.length;
  const phase = call.phase;

  const seen = useRef<{ visitId: string; entries: VisitAuditEntry[]; reading: boolean }>({
    visitId,
    entries: [],
    reading: false,
  });

  useEffect(() => {
    if (!client) return;
    if (seen.current.visitId !== visitId) seen.current = { visitId, entries: [], reading: false };
    const state = seen.current;
    let stopped = false;
    const read = async () => {
      if (state.reading) return;
      state.reading = true;
      try {
        for (let page = 0; page < PAGES_PER_READ; page += 1) {
          const afterSeq = state.entries[state.entries.length - 1]?.seq ?? 0;
          const fresh = await client.admin.visitAudit({ visitId, afterSeq, limit: PAGE });
          state.entries.push(...fresh);
          if (fresh.length < PAGE) break;
        }
        if (!stopped) setLines(visitTimeline(state.entries));
      } catch {
        // The next read tries again; the lines already shown stay.
      } finally {
        state.reading = false;
      }
    };
    void read();
    const id = window.setInterval(() => void read(), REFRESH_MS);
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
        // Focusable: the list scrolls, and a keyboard must be able to scroll it too (WCAG 2.1.1, issue #21).
        <ol className="visit-timeline__list" tabIndex={0} aria-label={title}>
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
