// What the clerk passes on at the inmate's path's last two steps: the bureau tells the
// relatives the time AND the place (R9.2), the prison tells the inmate (R9.3). The booked
// visit carries only room ids; their names come from the application's rooms (the same
// call the prison's slot picker makes), so the clerk reads the place instead of guessing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';

type RoomNames = ReadonlyMap<string, string>;

export function ArrangementNote({ application, requirement }: { application: ApplicationRecord; requirement: 'R9.2' | 'R9.3' }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [names, setNames] = useState<RoomNames | null>(null);
  const { run } = task;

  useEffect(() => {
    void run(() => deskCall(client.desk.applicationRooms({ applicationId: application.id }))).then((r) => {
      if (r) setNames(new Map([...r.prisonRooms, ...r.partnerRooms].map((room) => [room.id, room.name])));
    });
  }, [client, application.id, run]);

  const booked = application.visits.filter((v) => v.status === 'scheduled');
  return (
    <div className="desk-arrangement" data-testid="arrangement" data-requirement={requirement}>
      <strong>
        {t('desk.arrangement.title')} <span className="desk-req">{requirement}</span>
      </strong>
      {booked.length === 0 ? (
        <p data-testid="arrangement-none">{t('desk.arrangement.none')}</p>
      ) : (
        <ul className="desk-list">
          {booked.map((v) => (
            <li key={v.id} data-testid="arrangement-visit" data-visit={v.id}>
              {t('desk.arrangement.visit', {
                date: v.date,
                start: v.start,
                end: v.end,
                minutes: v.minutes,
                room: names?.get(v.roomId) ?? '…',
                remoteRoom: names?.get(v.remoteRoomId) ?? '…',
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
