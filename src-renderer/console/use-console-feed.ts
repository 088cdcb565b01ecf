// The console's pictures of the visit running at this terminal (see console-feed-receiver.ts).
import { useEffect, useState } from 'react';
import type { KioskClient } from '../kiosk-client';
import { ConsoleFeedReceiver, type FeedStreams } from './console-feed-receiver';

const NONE: FeedStreams = { own: null, other: null };

export function useConsoleFeed(client: KioskClient | null, visitId: string | null, live: boolean): FeedStreams {
  const [streams, setStreams] = useState<FeedStreams>(NONE);
  useEffect(() => {
    // Not live: the previous feed's cleanup already cleared the pictures.
    if (!client || !visitId || !live) return;
    const receiver = new ConsoleFeedReceiver(client, visitId, setStreams);
    const off = client.on('call.feed', (m) => receiver.message(m));
    receiver.start();
    return () => {
      off();
      receiver.close();
      setStreams(NONE);
    };
  }, [client, visitId, live]);
  return streams;
}
