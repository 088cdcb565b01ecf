// The kiosk client for components (null when window.kiosk is missing).
import { createContext, useContext } from 'react';
import type { KioskClient } from '../kiosk-client';

export const KioskContext = createContext<KioskClient | null>(null);

export const useKiosk = (): KioskClient | null => useContext(KioskContext);
