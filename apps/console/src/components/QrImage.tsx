import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The certificate's signed QR (a compact JWS) drawn as an image, the text kept beside it. */
export function QrImage({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setSrc(null);
    setFailed(false);
    QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 2, width: 280 }).then(
      (url) => live && setSrc(url),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <figure className="qr">
      {src ? <img src={src} alt={label} width={220} height={220} data-testid="qr-image" /> : failed ? null : <div className="qr-placeholder" aria-hidden="true" />}
      <figcaption>
        <details>
          <summary>QR text (signed JWS)</summary>
          <textarea readOnly value={text} rows={4} aria-label="QR text" data-testid="qr-text" onFocus={(e) => e.currentTarget.select()} />
        </details>
      </figcaption>
    </figure>
  );
}
