// Loads the roster of the visit on screen (and again on demand); main ticks its clock on
// every read, so a forfeit at the start time shows up here too.
import { useCallback, useEffect } from 'react';
import { useKiosk } from '../../app/kiosk-context';
import { kioskStore } from '../../store';
import { useRoster } from '../../store/hooks';

export function useVisitRoster(visitId: string) {
  const client = useKiosk();
  const roster = useRoster();
  const reload = useCallback(() => {
    if (!client) return;
    void client.checkin.roster({ visitId }).then(
      (r) => kioskStore.getState().setRoster(r),
      () => undefined,
    );
  }, [client, visitId]);
  useEffect(() => {
    reload();
    const id = window.setInterval(reload, 10_000);
    return () => window.clearInterval(id);
  }, [reload]);
  return { client, roster: roster?.visitId === visitId ? roster : null, reload };
}
