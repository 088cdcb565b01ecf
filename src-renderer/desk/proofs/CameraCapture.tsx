// A document camera (高拍仪) is a video device: open it with getUserMedia, show it live, and
// capture one frame through a canvas as a JPEG (issue #25 item 2). The stream is stopped when
// the clerk closes it or leaves the form.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CameraCapture({ onShot, onClose }: { onShot: (jpeg: Blob) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live: MediaStream | null = null;
    let gone = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (gone) return s.getTracks().forEach((tr) => tr.stop());
        live = s;
        setStream(s);
        if (video.current) video.current.srcObject = s;
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      gone = true;
      live?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const shoot = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onShot(blob), 'image/jpeg', 0.92);
  };

  return (
    <div className="desk-camera" data-testid="proof-camera">
      {failed !== null ? (
        <p className="desk-refusal">{t('desk.proofs.cameraFailed', { reason: failed })}</p>
      ) : (
        <video ref={video} autoPlay muted playsInline className="desk-camera__video" />
      )}
      <div className="desk-row">
        <button type="button" className="button" data-testid="proof-capture" disabled={stream === null} onClick={shoot}>
          {t('desk.proofs.capture')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('desk.proofs.stopCamera')}
        </button>
      </div>
    </div>
  );
}
