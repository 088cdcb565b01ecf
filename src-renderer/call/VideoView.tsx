// A <video> showing a MediaStream (srcObject can only be set from code).
import { useEffect, useRef } from 'react';

export function VideoView({
  stream,
  muted,
  className,
  testId,
}: {
  stream: MediaStream | null;
  muted: boolean;
  className: string;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className={className} data-testid={testId} autoPlay playsInline muted={muted} />;
}
