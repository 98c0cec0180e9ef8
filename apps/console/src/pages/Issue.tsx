import { FormEvent, MouseEvent, useState } from 'react';
import { ApiError, Certificate, download, get, ParticipantSummary, post, Session } from '../api';
import { QrImage } from '../components/QrImage';
import { Field, PageTitle, ProblemMessage, Section } from '../components/ui';
import { carats, date, HS_CODES, usd } from '../format';
import { useAction, useAsync } from '../hooks';
import { API_FIELD, EMPTY_ISSUE_FORM, FIELD_LABELS, IssueForm, issueBody, validateIssueForm } from '../issue-form';

let participantsCache: Promise<ParticipantSummary[]> | undefined;
export function participants(): Promise<ParticipantSummary[]> {
  participantsCache ??= get<{ items: ParticipantSummary[] }>('/api/v1/participants').then(
    (r) => r.items,
    (e) => {
      participantsCache = undefined;
      throw e;
    },
  );
  return participantsCache;
}

export function IssuePage({ session }: { session: Session }) {
  const own = session.user.participant ?? '';
  const [form, setForm] = useState<IssueForm>(EMPTY_ISSUE_FORM);
  const [local, setLocal] = useState<Partial<Record<keyof IssueForm, string>>>({});
  const [issued, setIssued] = useState<Certificate | undefined>();
  const registry = useAsync(participants, []);
  const issue = useAction((body: unknown) => post<Certificate>('/api/v1/certificates', body));

  const server: Partial<Record<keyof IssueForm, string>> = {};
  for (const e of issue.error?.problem.errors ?? []) {
    const key = API_FIELD[e.field] ?? API_FIELD[e.field.split('.').slice(0, 2).join('.')];
    if (key) server[key] ??= e.message;
  }
  const errorOf = (k: keyof IssueForm) => local[k] ?? server[k];
  const set = (k: keyof IssueForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors = validateIssueForm(form);
    setLocal(errors);
    issue.setError(undefined);
    if (Object.keys(errors).length) {
      // After the render that marks them: the first invalid field takes the focus.
      window.setTimeout(() => document.querySelector<HTMLElement>('[data-testid="issue-form"] [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const certificate = await issue.run(issueBody(form));
    if (certificate) {
      setIssued(certificate);
      setForm(EMPTY_ISSUE_FORM);
      window.setTimeout(() => document.getElementById('issued')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
    }
  }

  const importers = (registry.data ?? []).filter((p) => p.code !== own);
  const invalidCount = Object.keys(local).length;
  return (
    <>
      <PageTitle lead={`Annex I certificate for an export from ${own || 'your participant'}. Fields marked * are required.`}>Issue a certificate</PageTitle>
      {issued && <IssuedCertificate certificate={issued} onDismiss={() => setIssued(undefined)} />}
      <Section title="Certificate details">
        <form onSubmit={submit} noValidate data-testid="issue-form">
          {invalidCount > 0 && (
            <div className="alert alert-error" role="alert" data-testid="issue-invalid">
              <p className="alert-title">
                {invalidCount === 1 ? 'One field needs' : `${invalidCount} fields need`} attention before the certificate can be issued.
              </p>
            </div>
          )}
          <ProblemMessage error={issue.error} fieldLabels={FIELD_LABELS} />
          <fieldset>
            <legend>Consignment</legend>
            <div className="form-grid">
              <Field label="Exporting participant">{(p) => <input {...p} value={own} readOnly className="mono" />}</Field>
              <Field label="Importing participant *" error={errorOf('importingParticipant')}>
                {(p) =>
                  registry.error ? (
                    <input {...p} value={form.importingParticipant} onChange={set('importingParticipant')} maxLength={2} className="mono" data-testid="issue-importingParticipant" />
                  ) : (
                    <select {...p} value={form.importingParticipant} onChange={set('importingParticipant')} data-testid="issue-importingParticipant" disabled={registry.loading}>
                      <option value="">{registry.loading ? 'Loading participants…' : 'Choose…'}</option>
                      {importers.map((x) => (
                        <option key={x.code} value={x.code}>
                          {x.code} — {x.name}
                          {x.status !== 'ACTIVE' ? ` (${x.status.toLowerCase()})` : ''}
                        </option>
                      ))}
                    </select>
                  )
                }
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Exporter and importer</legend>
            <div className="form-grid">
              <Field label="Exporter name *" error={errorOf('exporterName')}>
                {(p) => <input {...p} value={form.exporterName} onChange={set('exporterName')} maxLength={200} autoComplete="organization" data-testid="issue-exporterName" />}
              </Field>
              <Field label="Exporter address *" error={errorOf('exporterAddress')}>
                {(p) => <input {...p} value={form.exporterAddress} onChange={set('exporterAddress')} maxLength={500} data-testid="issue-exporterAddress" />}
              </Field>
              <Field label="Importer name *" error={errorOf('importerName')}>
                {(p) => <input {...p} value={form.importerName} onChange={set('importerName')} maxLength={200} data-testid="issue-importerName" />}
              </Field>
              <Field label="Importer address *" error={errorOf('importerAddress')}>
                {(p) => <input {...p} value={form.importerAddress} onChange={set('importerAddress')} maxLength={500} data-testid="issue-importerAddress" />}
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>Goods</legend>
            <div className="form-grid">
              <Field label="Countries of origin *" hint="ISO codes, comma separated; several for a mixed parcel (BW, ZA)" error={errorOf('originCountries')}>
                {(p) => (
                  <input
                    {...p}
                    value={form.originCountries}
                    onChange={(e) => setForm({ ...form, originCountries: e.target.value.toUpperCase() })}
                    className="mono"
                    spellCheck={false}
                    data-testid="issue-originCountries"
                  />
                )}
              </Field>
              <Field label="Zones of origin" hint="Optional, comma separated" error={errorOf('originZones')}>
                {(p) => <input {...p} value={form.originZones} onChange={set('originZones')} data-testid="issue-originZones" />}
              </Field>
              <Field label="HS code *" error={errorOf('hsCode')} wide>
                {(p) => (
                  <select {...p} value={form.hsCode} onChange={set('hsCode')} data-testid="issue-hsCode">
                    {HS_CODES.map((h) => (
                      <option key={h.code} value={h.code}>
                        {h.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Carats *" hint="At most two decimals" error={errorOf('carats')}>
                {(p) => <input {...p} value={form.carats} onChange={set('carats')} inputMode="decimal" data-testid="issue-carats" />}
              </Field>
              <Field label="Value (USD) *" error={errorOf('valueUsd')}>
                {(p) => <input {...p} value={form.valueUsd} onChange={set('valueUsd')} inputMode="decimal" data-testid="issue-valueUsd" />}
              </Field>
              <Field label="Parcels *" error={errorOf('parcels')}>
                {(p) => <input {...p} value={form.parcels} onChange={set('parcels')} inputMode="numeric" data-testid="issue-parcels" />}
              </Field>
              <Field label="Expires" hint="Optional; default: the participant's validity period" error={errorOf('expiresAt')}>
                {(p) => <input {...p} type="date" value={form.expiresAt} onChange={set('expiresAt')} data-testid="issue-expiresAt" />}
              </Field>
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={issue.pending} data-testid="issue-submit">
              {issue.pending ? 'Issuing…' : 'Issue and sign'}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                setForm(EMPTY_ISSUE_FORM);
                setLocal({});
                issue.setError(undefined);
              }}
            >
              Clear
            </button>
          </div>
        </form>
      </Section>
    </>
  );
}

function IssuedCertificate({ certificate: c, onDismiss }: { certificate: Certificate; onDismiss: () => void }) {
  return (
    <section className="card card-success" id="issued" aria-labelledby="issued-title" data-testid="issued-certificate">
      <div className="card-head">
        <h2 id="issued-title">Certificate issued and signed</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <div className="issued">
        <div>
          <p className="cert-number" data-testid="issued-number">
            {c.certificateNumber}
          </p>
          <dl className="facts">
            <div>
              <dt>Status</dt>
              <dd>{c.status}</dd>
            </div>
            <div>
              <dt>From → to</dt>
              <dd>
                {c.exportingParticipant} → {c.importingParticipant}
              </dd>
            </div>
            <div>
              <dt>Origin</dt>
              <dd>{c.origin.countries.join(', ')}</dd>
            </div>
            <div>
              <dt>Goods</dt>
              <dd>
                {c.hsCode} · {carats(c.carats)} · {usd(c.valueUsd)} · {c.parcels} parcels
              </dd>
            </div>
            <div>
              <dt>Issued</dt>
              <dd>{date(c.issuedAt)}</dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>{date(c.expiresAt)}</dd>
            </div>
            {c.signature && (
              <div>
                <dt>Signature</dt>
                <dd className="mono">
                  {c.signature.alg} · {c.signature.kid}
                </dd>
              </div>
            )}
          </dl>
          <PdfLink number={c.certificateNumber} />
        </div>
        <QrImage text={c.qr} label={`QR code of certificate ${c.certificateNumber}`} />
      </div>
    </section>
  );
}

/** The printable certificate needs the token, so it is fetched and opened as a file. */
export function PdfLink({ number }: { number: string }) {
  const path = `/api/v1/certificates/${encodeURIComponent(number)}/pdf`;
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  async function open(e: MouseEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const blob = await download(path);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${number}.pdf`;
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="pdf-link">
      <a href={path} onClick={open} className="btn btn-small" data-testid="pdf-link">
        {busy ? 'Preparing PDF…' : 'Printable certificate (PDF)'}
      </a>
      <ProblemMessage error={error} testId="pdf-problem" />
    </div>
  );
}

