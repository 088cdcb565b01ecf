// The prison approves with a slot (R8.3, R9.1): both rooms chosen, the free slots of both
// shown for the date (a slot is free only when both rooms are; no double booking).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { SelectField } from '../app/SelectField';
import { DateInput } from '../../controls/DateInput';

type Rooms = { prisonRooms: { id: string; name: string }[]; partnerRooms: { id: string; name: string }[] };
type Slot = { start: string; end: string; roomFree: boolean; remoteRoomFree: boolean; free: boolean };
type Hours = { source: 'room' | 'prison' | 'default' | 'query'; windows: { start: string; end: string }[]; days: number[] };

export function ApproveForm({ application, onDone }: { application: ApplicationRecord; onDone(a: ApplicationRecord): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const slotsTask = useDeskTask();
  const [rooms, setRooms] = useState<Rooms | null>(null);
  const [roomId, setRoomId] = useState('');
  const [remoteRoomId, setRemoteRoomId] = useState('');
  const [date, setDate] = useState(application.preferred.date ?? '');
  const [minutes, setMinutes] = useState(
    String(Math.min(application.preferred.minutes || 30, application.decision.limits?.maxMinutes ?? 30)),
  );
  // Slots and the chosen start belong to one (date, rooms, minutes); a change shows neither until reloaded.
  const [loaded, setLoaded] = useState<{ key: string; slots: Slot[]; hours?: Hours; closed?: string } | null>(null);
  const [chosen, setChosen] = useState<{ key: string; start: string } | null>(null);
  const loadRooms = task.run;
  const loadSlots = slotsTask.run;

  useEffect(() => {
    void loadRooms(() => deskCall(client.desk.applicationRooms({ applicationId: application.id }))).then((r) => {
      if (!r) return;
      setRooms(r);
      setRoomId(r.prisonRooms[0]?.id ?? '');
      setRemoteRoomId(r.partnerRooms[0]?.id ?? '');
    });
  }, [client, application.id, loadRooms]);

  const n = Number(minutes);
  const key = `${date}|${roomId}|${remoteRoomId}|${n}`;
  const slots = loaded?.key === key ? loaded.slots : null;
  // The prison's (or the room's) own visiting hours and days (issue 25 item 5, R14.3).
  const hours = loaded?.key === key ? loaded.hours : undefined;
  const closed = loaded?.key === key ? loaded.closed : undefined;
  const start = chosen?.key === key ? chosen.start : '';
  const setStart = (s: string) => setChosen({ key, start: s });
  useEffect(() => {
    if (!roomId || !remoteRoomId || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(n) || n < 5) return;
    const k = `${date}|${roomId}|${remoteRoomId}|${n}`;
    void loadSlots(() => deskCall(client.desk.slots({ date, roomId, remoteRoomId, minutes: n }))).then(
      (s) => s && setLoaded({ key: k, ...s }),
    );
  }, [client, date, roomId, remoteRoomId, n, loadSlots]);

  const approve = async () => {
    const done = await task.run(() =>
      deskCall(client.desk.approve({ applicationId: application.id, date, start, minutes: n, roomId, remoteRoomId })),
    );
    if (done) onDone(done);
  };

  return (
    <div className="desk-action" data-testid="approve-form">
      <h4>{t('desk.approve.title')}</h4>
      {rooms && (
        <div className="desk-row">
          <SelectField
            label={t('desk.approve.prisonRoom')}
            testId="approve-room"
            options={rooms.prisonRooms}
            value={roomId}
            onChange={setRoomId}
          />
          <SelectField
            label={t('desk.approve.partnerRoom')}
            testId="approve-remote-room"
            options={rooms.partnerRooms}
            value={remoteRoomId}
            onChange={setRemoteRoomId}
          />
          <label className="desk-field">
            <span>{t('desk.approve.date')}</span>
            <DateInput testId="approve-date" value={date} onChange={setDate} />
          </label>
          <label className="desk-field">
            <span>{t('desk.approve.minutes')}</span>
            <input
              type="number"
              min={5}
              max={240}
              data-testid="approve-minutes"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </label>
        </div>
      )}
      <RefusalNote refusal={slotsTask.refusal} />
      {hours && (
        <p data-testid="slot-hours" data-source={hours.source}>
          {t('desk.approve.hours', {
            windows: hours.windows.map((w) => `${w.start}–${w.end}`).join('、'),
            source: t(`desk.approve.hoursSource.${hours.source}`),
          })}
        </p>
      )}
      {closed && (
        <p className="desk-refusal" data-testid="slot-closed">
          <span className="desk-req">R14.3</span>
          {closed}
        </p>
      )}
      {slots && (
        <div className="desk-slots" data-testid="slots" role="radiogroup" aria-label={t('desk.approve.slots')}>
          {slots.map((s) => (
            <button
              key={s.start}
              type="button"
              role="radio"
              aria-checked={start === s.start}
              className={`desk-slot${s.free ? '' : ' desk-slot--taken'}${start === s.start ? ' desk-slot--on' : ''}`}
              disabled={!s.free}
              data-testid="slot"
              data-start={s.start}
              data-free={s.free ? 'yes' : 'no'}
              title={s.free ? undefined : t(s.roomFree ? 'desk.approve.partnerBusy' : 'desk.approve.prisonBusy')}
              onClick={() => setStart(s.start)}
            >
              {s.start}–{s.end}
              {/* Issue #21: why a slot is taken is written, not only a tooltip a touch screen never shows. */}
              {!s.free && (
                <span className="desk-slot__why">{t(s.roomFree ? 'desk.approve.partnerBusy' : 'desk.approve.prisonBusy')}</span>
              )}
            </button>
          ))}
          {slots.length === 0 && !closed && <p>{t('desk.approve.noSlots')}</p>}
        </div>
      )}
      <RefusalNote refusal={task.refusal} />
      <button
        type="button"
        className="button button--primary"
        data-testid="approve-submit"
        disabled={task.busy || !start}
        onClick={() => void approve()}
      >
        {start ? t('desk.approve.submit', { date, start }) : t('desk.approve.pickSlot')}
      </button>
    </div>
  );
}
