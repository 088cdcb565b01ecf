// The desk's hooks: its fields of the window's store, the kiosk client (the desk needs
// it), and one helper for "call main, show busy, keep the refusal".
import { useCallback, useState, useSyncExternalStore } from 'react';
import { useKiosk } from '../../app/kiosk-context';
import type { KioskClient } from '../../kiosk-client';
import type { DeskRefusal } from '../../kiosk-types';
import { kioskStore, type KioskState } from '../../store';
import { refusalOf } from './desk-call';

function useDeskState<T>(selector: (s: KioskState) => T): T {
  const snapshot = () => selector(kioskStore.getState());
  return useSyncExternalStore(kioskStore.subscribe, snapshot, snapshot);
}

export const useDeskStaff = () => useDeskState((s) => s.deskStaff);
export const useDeskView = () => useDeskState((s) => s.deskView);
export const useDeskSites = () => useDeskState((s) => s.deskSites);
export const deskActions = () => kioskStore.getState();

/** The client; the desk is only shown once boot found one, so null here is a bug. */
export function useDeskClient(): KioskClient {
  const client = useKiosk();
  if (!client) throw new Error('desk: window.kiosk is missing');
  return client;
}

export interface DeskTask {
  busy: boolean;
  refusal: DeskRefusal | null;
  /** Runs `work`; a refusal is kept for display and undefined returned. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

export function useDeskTask(): DeskTask {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<DeskRefusal | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setRefusal(null);
    try {
      return await work();
    } catch (error) {
      setRefusal(refusalOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, refusal, run, clear: () => setRefusal(null) };
}
