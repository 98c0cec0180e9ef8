import { VerificationAnswer, Verdict } from '../api';
import { carats, date, dateTime, usd } from '../format';

const VERDICTS: Record<Verdict, { tone: string; headline: string; advice: string; icon: string }> = {
  VALID: { tone: 'valid', icon: '✓', headline: 'Valid', advice: 'The certificate is genuine and in force. The shipment may proceed.' },
  EMBARGOED: { tone: 'stop', icon: '✕', headline: 'Embargoed', advice: 'Do not release. A Kimberley Process embargo or suspension applies to this shipment.' },
  VOID: { tone: 'stop', icon: '✕', headline: 'Void', advice: 'Do not release. This certificate is no longer valid.' },
  FLAGGED: { tone: 'caution', icon: '!', headline: 'Flagged', advice: 'Inspect before release. Red flags were raised on this certificate.' },
  EXPIRED: { tone: 'caution', icon: '!', headline: 'Expired', advice: 'The validity period of this certificate has ended.' },
  UNKNOWN: { tone: 'unknown', icon: '?', headline: 'Unknown', advice: 'No such certificate is known. Treat the shipment as undocumented.' },
};

/** Each reason code in plain words; the platform's own message gives the particulars. */
export const REASON_TITLES: Record<string, string> = {
  NOT_FOUND: 'No certificate with this number exists',
  VOIDED: 'The issuing authority voided the certificate',
  REPORTED_LOST: 'The certificate was reported lost',
  REPORTED_STOLEN: 'The certificate was reported stolen',
  ORIGIN_EMBARGOED: 'Diamonds of a listed origin are under embargo',
  EXPORTER_EMBARGOED: 'The exporting participant is under embargo',
  EXPORTER_SUSPENDED: 'The exporting participant is suspended',
  IMPORTER_SUSPENDED: 'The importing participant is suspended',
  ALREADY_IMPORTED: 'An import was already confirmed on this certificate',
  VALUE_PER_CARAT_OUTLIER: 'The declared value per carat is far from the norm',
  HS_CODE_VALUE_CONTRADICTION: 'The price contradicts the declared HS code',
  SIGNATURE_INVALID: "The QR signature does not match the issuer's keys",
  DATA_MISMATCH: 'What was presented differs from the certificate',
  SEAL_BROKEN: 'A seal was found broken at the border',
  WEIGHT_MISMATCH: 'The weight measured differs from the certificate',
  PARCELS_MISMATCH: 'The parcels counted differ from the certificate',
  HELD_AT_BORDER: 'The shipment is held at a border',
  NUMBER_PREFIX_MISMATCH: 'The number does not belong to the exporting participant',
  EXPIRED: "The certificate's validity period has ended",
};

export function VerdictPanel({ answer }: { answer: VerificationAnswer }) {
  const v = VERDICTS[answer.verdict] ?? VERDICTS.UNKNOWN;
  const c = answer.certificate;
  return (
    <section className="verdict-result" aria-live="polite" aria-label="Verification result" data-testid="verification-result">
      <div className={`verdict verdict-${v.tone}`} data-testid="verdict" data-verdict={answer.verdict}>
        <span className="verdict-icon" aria-hidden="true">
          {v.icon}
        </span>
        <div>
          <p className="verdict-word">{answer.verdict}</p>
          <p className="verdict-advice">{v.advice}</p>
          {answer.certificateNumber && <p className="verdict-number">Certificate {answer.certificateNumber}</p>}
        </div>
      </div>

      {answer.reasons.length > 0 && (
        <div className="reasons">
          <h2>{answer.reasons.length === 1 ? 'Reason' : `${answer.reasons.length} reasons`}</h2>
          <ol data-testid="reasons">
            {answer.reasons.map((r, i) => (
              <li key={i} className="reason" data-testid="reason" data-code={r.code}>
                <p className="reason-title">{REASON_TITLES[r.code] ?? r.code}</p>
                <p>{r.message}</p>
                {r.legalBasis && (
                  <p className="reason-basis">
                    <span className="label">Legal basis</span> {r.legalBasis}
                  </p>
                )}
                <p className="reason-code">{r.code}</p>
              </li>
            ))}
          </ol>
        </div>
      )}

      {c && (
        <div className="summary">
          <h2>Certificate</h2>
          <dl className="facts" data-testid="certificate-summary">
            <div>
              <dt>Number</dt>
              <dd>{String(c.certificateNumber ?? answer.certificateNumber)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{String(c.status ?? '—')}</dd>
            </div>
            <div>
              <dt>From → to</dt>
              <dd>
                {String(c.exportingParticipant ?? '—')} → {String(c.importingParticipant ?? '—')}
              </dd>
            </div>
            {c.exporter && (
              <div>
                <dt>Exporter</dt>
                <dd>{(c.exporter as { name?: string }).name ?? String(c.exporter)}</dd>
              </div>
            )}
            {c.importer && (
              <div>
                <dt>Importer</dt>
                <dd>{(c.importer as { name?: string }).name ?? String(c.importer)}</dd>
              </div>
            )}
            {c.origin && (
              <div>
                <dt>Origin</dt>
                <dd>
                  {c.origin.countries?.join(', ')}
                  {c.origin.zones?.length ? ` (${c.origin.zones.join(', ')})` : ''}
                </dd>
              </div>
            )}
            <div>
              <dt>HS code</dt>
              <dd>{String(c.hsCode ?? '—')}</dd>
            </div>
            <div>
              <dt>Carats</dt>
              <dd>{carats(c.carats)}</dd>
            </div>
            <div>
              <dt>Value</dt>
              <dd>{usd(c.valueUsd)}</dd>
            </div>
            <div>
              <dt>Parcels</dt>
              <dd>{String(c.parcels ?? '—')}</dd>
            </div>
            <div>
              <dt>Issued</dt>
              <dd>{date(c.issuedAt)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>{date(c.expiresAt)}</dd>
            </div>
          </dl>
        </div>
      )}
      <p className="meta">
        Checked {dateTime(answer.checkedAt)}
        {answer.asOf ? ` · border data as of ${dateTime(answer.asOf)}` : ''}
        {answer.rulesetVersion ? ` · rules ${answer.rulesetVersion}` : ''}
      </p>
    </section>
  );
}
