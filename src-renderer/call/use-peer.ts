// Runs the call's media in the visit window: the camera and microphone (720p when the
// camera allows), one PeerSession that follows main's call state, and the remote stream.
import { useEffect, useRef, useState } from 'react';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { PeerSession } from './peer-session';
import { ObserverStreams } from './observer-streams';

export interface PeerMedia {
  local: MediaStream | null;
  remote: MediaStream | null;
  mediaError: string | null;
}

const CONSTRAINTS: MediaStreamConstraints = {
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
  audio: { echoCancellation: true, noiseSuppression: true },
};

export function usePeer(client: KioskClient | null, visitId: string, call: CallState | null): PeerMedia {
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const session = useRef<PeerSession | null>(null);
  const observers = useRef<ObserverStreams | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices.getUserMedia(CONSTRAINTS).then(
      (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        setLocal(s);
      },
      (error: unknown) => setMediaError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  useEffect(() => {
    if (!client || !local) return;
    const s = new PeerSession(client, visitId, local, { onRemoteStream: setRemote });
    session.current = s;
    const off = client.on('call.signal', (e) => {
      if (e.visitId === visitId) s.signal(e.generation, e.data);
    });
    // Listening now: main may tell the other terminal this side is ready (R24.1), or,
    // after a reload mid-visit, rebuild the connection (R18.1).
    void s.attach();
    return () => {
      off();
      s.close();
      session.current = null;
    };
  }, [client, local, visitId]);

  // Issue #19: the monitoring centre's observers get their own low-bitrate streams (./observer-streams).
  useEffect(() => {
    if (!client || !local) return;
    const o = new ObserverStreams(client, visitId, local);
    observers.current = o;
    const off = client.on('call.observerSignal', (e) => {
      if (e.visitId === visitId) o.signal(e.observerId, e.data);
    });
    return () => {
      off();
      o.close();
      observers.current = null;
    };
  }, [client, local, visitId]);

  useEffect(() => {
    if (call) session.current?.update(call);
    if (call) observers.current?.update(call);
  }, [call, local]);

  return { local, remote, mediaError };
}
