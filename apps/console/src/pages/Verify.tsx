import { FormEvent, useState } from 'react';
import { get, post, Session, VerificationAnswer } from '../api';
import { Field, fieldErrorMap, Loading, PageTitle, ProblemMessage, Section, Success } from '../components/ui';
import { REASON_TITLES, VerdictPanel } from '../components/VerdictPanel';
import { HS_CODES } from '../format';
import { useAction } from '../hooks';

const NUMBER = /^[A-Z]{2}-\d{4}-\d{6}$/;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface Presented {
  carats: string;
  parcels: string;
  valueUsd: string;
  hsCode: string;
  exporterName: string;
  importerName: string;
}

const NO_PRESENTED: Presented = { carats: '', parcels: '', valueUsd: '', hsCode: '', exporterName: '', importerName: '' };

export function VerifyPage({ session }: { session: Session }) {
  const [mode, setMode] = useState<'number' | 'qr'>('number');
  const [number, setNumber] = useState('');
  const [qr, setQr] = useState('');
  const [presented, setPresented] = useState<Presented>(NO_PRESENTED);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [answer, setAnswer] = useState<VerificationAnswer | undefined>();
  const verify = useAction(async (body: Record<string, unknown> | null, n: string) =>
    body ? post<VerificationAnswer>('/api/v1/verify', body) : get<VerificationAnswer>(`/api/v1/verify/${encodeURIComponent(n)}`),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAnswer(undefined);
    const held = presentedBody(presented);
    let body: Record<string, unknown> | null = null;
    const n = number.trim().toUpperCase();
    if (mode === 'qr') {
      const text = qr.trim();
      if (!text) return setInvalid('Paste the text of the QR code.');
      if (!JWS.test(text)) return setInvalid('The QR text should be three dot-separated parts (a signed JWS).');
      body = { qr: text, ...(held ? { presented: held } : {}) };
    } else {
      if (!NUMBER.test(n)) return setInvalid('A certificate number looks like BW-2026-000042.');
      if (held) body = { certificateNumber: n, presented: held };
    }
    setInvalid(undefined);
    const result = await verify.run(body, n);
    if (result) {
      setAnswer(result);
      // On a phone the verdict is below the form: bring it into view.
      window.setTimeout(() => document.querySelector('[data-testid="verification-result"]')?.scrollIntoView({ block: 'nearest' }), 0);
    }
  }

  const isCustoms = session.user.roles.includes('customs_officer');
  return (
    <>
      <PageTitle lead="Type the certificate number or paste the text of its QR code. Every finding is listed with its legal basis.">Verify a certificate</PageTitle>
      <div className="grid-2">
        <Section title="What the officer holds">
          <form onSubmit={submit} noValidate data-testid="verify-form">
            <fieldset className="segmented">
              <legend className="sr-only">Verify by</legend>
              <label className={mode === 'number' ? 'active' : ''}>
                <input type="radio" name="mode" value="number" checked={mode === 'number'} onChange={() => setMode('number')} /> Certificate number
              </label>
              <label className={mode === 'qr' ? 'active' : ''}>
                <input type="radio" name="mode" value="qr" checked={mode === 'qr'} onChange={() => setMode('qr')} data-testid="verify-mode-qr" /> QR text
              </label>
            </fieldset>
            {mode === 'number' ? (
              <Field label="Certificate number" hint="For example BW-2026-000042" error={invalid}>
                {(p) => (
                  <input
                    {...p}
                    className="input-large mono"
                    value={number}
                    onChange={(e) => setNumber(e.target.value.toUpperCase())}
                    autoComplete="off"
                    spellCheck={false}
                    inputMode="text"
                    data-testid="verify-number"
                  />
                )}
              </Field>
            ) : (
              <Field label="QR text" hint="Scan the QR code into this field or paste its text" error={invalid}>
                {(p) => <textarea {...p} rows={5} className="mono" value={qr} onChange={(e) => setQr(e.target.value)} spellCheck={false} data-testid="verify-qr" />}
              </Field>
            )}
            <details className="presented">
              <summary>Compare with the paper (optional)</summary>
              <div className="form-grid">
                <Field label="Carats">
                  {(p) => <input {...p} inputMode="decimal" value={presented.carats} onChange={(e) => setPresented({ ...presented, carats: e.target.value })} />}
                </Field>
                <Field label="Parcels">
                  {(p) => <input {...p} inputMode="numeric" value={presented.parcels} onChange={(e) => setPresented({ ...presented, parcels: e.target.value })} />}
                </Field>
                <Field label="Value (USD)">
                  {(p) => <input {...p} inputMode="decimal" value={presented.valueUsd} onChange={(e) => setPresented({ ...presented, valueUsd: e.target.value })} />}
                </Field>
                <Field label="HS code">
                  {(p) => (
                    <select {...p} value={presented.hsCode} onChange={(e) => setPresented({ ...presented, hsCode: e.target.value })}>
                      <option value="">—</option>
                      {HS_CODES.map((h) => (
                        <option key={h.code} value={h.code}>
                          {h.code}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Exporter name">
                  {(p) => <input {...p} value={presented.exporterName} onChange={(e) => setPresented({ ...presented, exporterName: e.target.value })} />}
                </Field>
                <Field label="Importer name">
                  {(p) => <input {...p} value={presented.importerName} onChange={(e) => setPresented({ ...presented, importerName: e.target.value })} />}
                </Field>
              </div>
            </details>
            <button type="submit" className="btn btn-primary btn-large" disabled={verify.pending} data-testid="verify-submit">
              {verify.pending ? 'Checking…' : 'Verify'}
            </button>
          </form>
        </Section>
        <div>
          {verify.pending && <Loading label="Checking the certificate…" />}
          <ProblemMessage error={verify.error} />
          {answer && <VerdictPanel answer={answer} />}
          {!answer && !verify.pending && !verify.error && (
            <div className="card placeholder-card">
              <p className="muted">The verdict appears here: VALID, EMBARGOED, VOID, FLAGGED, EXPIRED or UNKNOWN, with every reason.</p>
            </div>
          )}
        </div>
      </div>
      {isCustoms && <BorderEventForm />}
    </>
  );
}

function presentedBody(p: Presented): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (p.carats.trim()) out.carats = Number(p.carats);
  if (p.parcels.trim()) out.parcels = Number(p.parcels);
  if (p.valueUsd.trim()) out.valueUsd = Number(p.valueUsd);
  if (p.hsCode) out.hsCode = p.hsCode;
  if (p.exporterName.trim()) out.exporterName = p.exporterName.trim();
  if (p.importerName.trim()) out.importerName = p.importerName.trim();
  return Object.keys(out).length ? out : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function BorderEventForm() {
  const [form, setForm] = useState({ shipmentId: '', type: 'ARRIVED', seal: '', measuredCarats: '', parcelsCounted: '', remarks: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ what: string; findings: { code: string; message: string }[] } | undefined>();
  const record = useAction((id: string, body: unknown) =>
    post<{ id?: string; findings?: { code: string; message: string }[] }>(`/api/v1/shipments/${id}/events`, body),
  );
  const server = fieldErrorMap(record.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(undefined);
    const errors: Record<string, string> = {};
    if (!UUID.test(form.shipmentId.trim())) errors.shipmentId = 'The shipment id is a UUID, as on the advance notice.';
    if (form.measuredCarats && !(Number(form.measuredCarats) > 0)) errors.measuredCarats = 'Carats must be a positive number.';
    if (form.parcelsCounted && !/^\d+$/.test(form.parcelsCounted)) errors.parcelsCounted = 'Parcels must be a whole number.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body: Record<string, unknown> = { type: form.type };
    if (form.seal) body.sealIntact = form.seal === 'intact';
    if (form.measuredCarats) body.measuredCarats = Number(form.measuredCarats);
    if (form.parcelsCounted) body.parcelsCounted = Number(form.parcelsCounted);
    if (form.remarks.trim()) body.remarks = form.remarks.trim();
    const result = await record.run(form.shipmentId.trim(), body);
    if (result) setDone({ what: `${form.type.charAt(0)}${form.type.slice(1).toLowerCase()} recorded for shipment ${form.shipmentId.trim()}.`, findings: result.findings ?? [] });
  }

  return (
    <Section title="Record a border event">
      <form onSubmit={submit} noValidate data-testid="border-event-form">
        <ProblemMessage error={record.error} />
        {done && (
          <Success testId="border-event-done">
            <p>{done.what}</p>
            {done.findings.length > 0 ? (
              <ul data-testid="border-event-findings">
                {done.findings.map((f, i) => (
                  <li key={i}>
                    <strong>{REASON_TITLES[f.code] ?? f.code}</strong>: {f.message} A red flag is raised on the certificate.
                  </li>
                ))}
              </ul>
            ) : (
              <p>No findings.</p>
            )}
          </Success>
        )}
        <div className="form-grid">
          <Field label="Shipment id" hint="From the exporting authority's advance notice" error={local.shipmentId} wide>
            {(p) => <input {...p} className="mono" value={form.shipmentId} onChange={(e) => setForm({ ...form, shipmentId: e.target.value })} data-testid="event-shipment" />}
          </Field>
          <Field label="Event" error={server.type}>
            {(p) => (
              <select {...p} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })} data-testid="event-type">
                <option value="ARRIVED">Arrived</option>
                <option value="INSPECTED">Inspected</option>
                <option value="RELEASED">Released</option>
                <option value="HELD">Held</option>
              </select>
            )}
          </Field>
          <Field label="Seals" error={server.sealIntact}>
            {(p) => (
              <select {...p} value={form.seal} onChange={(e) => setForm({ ...form, seal: e.target.value })} data-testid="event-seal">
                <option value="">Not checked</option>
                <option value="intact">Intact</option>
                <option value="broken">Broken</option>
              </select>
            )}
          </Field>
          <Field label="Measured carats" error={local.measuredCarats ?? server.measuredCarats}>
            {(p) => <input {...p} inputMode="decimal" value={form.measuredCarats} onChange={(e) => setForm({ ...form, measuredCarats: e.target.value })} />}
          </Field>
          <Field label="Parcels counted" error={local.parcelsCounted ?? server.parcelsCounted}>
            {(p) => <input {...p} inputMode="numeric" value={form.parcelsCounted} onChange={(e) => setForm({ ...form, parcelsCounted: e.target.value })} />}
          </Field>
          <Field label="Remarks" error={server.remarks} wide>
            {(p) => <textarea {...p} rows={2} value={form.remarks} onChange={(e) => setForm({ ...form, remarks: e.target.value })} data-testid="event-remarks" />}
          </Field>
        </div>
        <button type="submit" className="btn" disabled={record.pending} data-testid="event-submit">
          {record.pending ? 'Recording…' : 'Record event'}
        </button>
      </form>
    </Section>
  );
}
