// Runs the visit window's console feed (console-feed-sender.ts) beside the call.
import { useEffect, useRef } from 'react';
import type { KioskClient } from '../kiosk-client';
import { ConsoleFeedSender } from './console-feed-sender';

export function useConsoleFeedSender(
  client: KioskClient | null,
  visitId: string,
  own: MediaStream | null,
  other: MediaStream | null,
): void {
  const sender = useRef<ConsoleFeedSender | null>(null);
  useEffect(() => {
    if (!client) return;
    const s = new ConsoleFeedSender(client, visitId);
    sender.current = s;
    const off = client.on('call.feed', (m) => s.message(m));
    return () => {
      off();
      s.close();
      sender.current = null;
    };
  }, [client, visitId]);
  useEffect(() => {
    sender.current?.setStreams(own, other);
  }, [client, visitId, own, other]);
}
