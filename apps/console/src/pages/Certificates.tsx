import { FormEvent, Fragment, useState } from 'react';
import { Certificate, get, Page, post, query, Session } from '../api';
import { Badge, Empty, Field, fieldErrorMap, Loading, PageTitle, ProblemMessage, Section, Success, TableWrap } from '../components/ui';
import { carats, date, usd } from '../format';
import { useAction, useAsync } from '../hooks';

const STATUSES = ['ISSUED', 'IMPORT_CONFIRMED', 'VOIDED', 'REPORTED_LOST', 'REPORTED_STOLEN'];
const VOID_REASONS: [string, string][] = [
  ['PRINTER_ERROR', 'Printer error'],
  ['LOST_IN_TRANSIT', 'Lost in transit'],
  ['TRANSPOSITION_ERROR', 'Transposition error'],
  ['SHIPMENT_CANCELLED', 'Shipment cancelled'],
  ['SHIPMENT_RETURNED', 'Shipment returned'],
  ['CERTIFICATE_SURRENDERED', 'Certificate surrendered'],
];

type Action = 'void' | 'lost' | 'confirm';

export function CertificatesPage({ session }: { session: Session }) {
  const [status, setStatus] = useState('');
  const [participant, setParticipant] = useState('');
  const [pages, setPages] = useState<Certificate[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<{ number: string; action: Action } | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const isSecretariat = session.user.roles.includes('secretariat');
  const first = useAsync(async () => {
    const page = await get<Page<Certificate>>(`/api/v1/certificates${query({ status, participant, limit: 50 })}`);
    setPages([]);
    setCursor(page.nextCursor);
    return page;
  }, [status, participant]);
  const more = useAction(async () => {
    const page = await get<Page<Certificate>>(`/api/v1/certificates${query({ status, participant, limit: 50, cursor })}`);
    setPages((p) => [...p, ...page.items]);
    setCursor(page.nextCursor);
  });
  const items = [...(first.data?.items ?? []), ...pages];
  const own = session.user.participant;
  const canAct = session.user.roles.includes('issuing_officer');

  function done(message: string) {
    setOpen(null);
    setNotice(message);
    first.reload();
  }

  return (
    <>
      <PageTitle lead={isSecretariat ? 'Every certificate on the platform.' : `Exports and imports of ${own}.`}>Certificates</PageTitle>
      <Section
        title="Register"
        testId="certificates"
        actions={
          <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter certificates">
            {isSecretariat && (
              <Field label="Participant">
                {(p) => <input {...p} value={participant} onChange={(e) => setParticipant(e.target.value.toUpperCase().slice(0, 2))} className="mono input-short" placeholder="All" />}
              </Field>
            )}
            <Field label="Status">
              {(p) => (
                <select {...p} value={status} onChange={(e) => setStatus(e.target.value)} data-testid="certificates-status">
                  <option value="">All</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s.replace(/_/g, ' ').toLowerCase()}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="btn btn-small" onClick={first.reload}>
              Refresh
            </button>
          </form>
        }
      >
        {notice && <Success testId="certificates-notice">{notice}</Success>}
        {first.loading && <Loading label="Loading certificates…" />}
        <ProblemMessage error={first.error} />
        {!first.loading && !first.error && items.length === 0 && <Empty>No certificates yet.</Empty>}
        {items.length > 0 && (
          <TableWrap label="Certificates">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Status</th>
                  <th scope="col">Route</th>
                  <th scope="col">Origin</th>
                  <th scope="col">HS code</th>
                  <th scope="col" className="num">
                    Carats
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">Issued</th>
                  <th scope="col">Expires</th>
                  {canAct && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const exporter = c.exportingParticipant === own;
                  const importer = c.importingParticipant === own;
                  const live = c.status === 'ISSUED';
                  const expanded = open?.number === c.certificateNumber;
                  return (
                    <Fragment key={c.certificateNumber}>
                      <tr data-testid="certificate-row" data-number={c.certificateNumber}>
                        <th scope="row" className="mono">
                          {c.certificateNumber}
                        </th>
                        <td>
                          <Badge value={c.status} testId="certificate-status" />
                        </td>
                        <td>
                          {c.exportingParticipant} → {c.importingParticipant}
                        </td>
                        <td>{c.origin.countries.join(', ')}</td>
                        <td>{c.hsCode}</td>
                        <td className="num">{carats(c.carats)}</td>
                        <td className="num">{usd(c.valueUsd)}</td>
                        <td>{date(c.issuedAt)}</td>
                        <td>{date(c.expiresAt)}</td>
                        {canAct && (
                          <td className="actions">
                            {exporter && live && (
                              <>
                                <ActionButton number={c.certificateNumber} action="void" open={open} setOpen={setOpen}>
                                  Void
                                </ActionButton>
                                <ActionButton number={c.certificateNumber} action="lost" open={open} setOpen={setOpen}>
                                  Report lost
                                </ActionButton>
                              </>
                            )}
                            {importer && live && (
                              <ActionButton number={c.certificateNumber} action="confirm" open={open} setOpen={setOpen}>
                                Confirm import
                              </ActionButton>
                            )}
                          </td>
                        )}
                      </tr>
                      {expanded && open && (
                        <tr className="action-row">
                          <td colSpan={canAct ? 10 : 9}>
                            {open.action === 'void' && <VoidForm certificate={c} onDone={done} onCancel={() => setOpen(null)} />}
                            {open.action === 'lost' && <LostForm certificate={c} onDone={done} onCancel={() => setOpen(null)} />}
                            {open.action === 'confirm' && <ConfirmForm certificate={c} onDone={done} onCancel={() => setOpen(null)} />}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
        <ProblemMessage error={more.error} />
        {cursor && (
          <button type="button" className="btn" onClick={() => more.run()} disabled={more.pending}>
            {more.pending ? 'Loading…' : 'Load more'}
          </button>
        )}
      </Section>
    </>
  );
}

function ActionButton({
  number,
  action,
  open,
  setOpen,
  children,
}: {
  number: string;
  action: Action;
  open: { number: string; action: Action } | null;
  setOpen: (o: { number: string; action: Action } | null) => void;
  children: string;
}) {
  const active = open?.number === number && open.action === action;
  return (
    <button
      type="button"
      className={`btn btn-small${active ? ' btn-active' : ''}`}
      aria-expanded={active}
      onClick={() => setOpen(active ? null : { number, action })}
      data-testid={`action-${action}`}
    >
      {children}
    </button>
  );
}

interface FormProps {
  certificate: Certificate;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function VoidForm({ certificate: c, onDone, onCancel }: FormProps) {
  const [reason, setReason] = useState('PRINTER_ERROR');
  const [detail, setDetail] = useState('');
  const act = useAction(() => post(`/api/v1/certificates/${c.certificateNumber}/void`, { reason, ...(detail.trim() ? { detail: detail.trim() } : {}) }));
  const errors = fieldErrorMap(act.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await act.run()) !== undefined) onDone(`${c.certificateNumber} voided.`);
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Void ${c.certificateNumber}`}>
      <ProblemMessage error={act.error} />
      <div className="form-grid">
        <Field label="Reason" error={errors.reason}>
          {(p) => (
            <select {...p} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" autoFocus>
              {VOID_REASONS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Detail" hint="Optional" error={errors.detail}>
          {(p) => <input {...p} value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={2000} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={act.pending} data-testid="void-submit">
          {act.pending ? 'Voiding…' : `Void ${c.certificateNumber}`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LostForm({ certificate: c, onDone, onCancel }: FormProps) {
  const [kind, setKind] = useState<'LOST' | 'STOLEN'>('LOST');
  const [detail, setDetail] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const act = useAction(() => post(`/api/v1/certificates/${c.certificateNumber}/report-lost`, { kind, detail: detail.trim() }));
  const errors = fieldErrorMap(act.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!detail.trim()) return setMissing('Say what happened.');
    setMissing(undefined);
    if ((await act.run()) !== undefined) onDone(`${c.certificateNumber} reported ${kind.toLowerCase()}.`);
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Report ${c.certificateNumber} lost or stolen`}>
      <ProblemMessage error={act.error} />
      <div className="form-grid">
        <Field label="What happened" error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'LOST' | 'STOLEN')} autoFocus>
              <option value="LOST">Lost</option>
              <option value="STOLEN">Stolen</option>
            </select>
          )}
        </Field>
        <Field label="Detail *" error={missing ?? errors.detail}>
          {(p) => <input {...p} value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={2000} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={act.pending}>
          {act.pending ? 'Reporting…' : 'Report'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ConfirmForm({ certificate: c, onDone, onCancel }: FormProps) {
  const [form, setForm] = useState({
    receivedAt: new Date().toISOString().slice(0, 16),
    parcels: String(c.parcels),
    carats: String(c.carats),
    sealIntact: 'yes',
    remarks: '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const act = useAction(() =>
    post(`/api/v1/certificates/${c.certificateNumber}/import-confirmation`, {
      receivedAt: new Date(`${form.receivedAt}:00Z`).toISOString(),
      parcels: Number(form.parcels),
      carats: Number(form.carats),
      sealIntact: form.sealIntact === 'yes',
      ...(form.remarks.trim() ? { remarks: form.remarks.trim() } : {}),
    }),
  );
  const server = fieldErrorMap(act.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!form.receivedAt) errors.receivedAt = 'When did the goods arrive?';
    if (!/^\d+$/.test(form.parcels) || Number(form.parcels) < 1) errors.parcels = 'A whole number, at least 1.';
    if (!/^\d+(\.\d{1,2})?$/.test(form.carats) || !(Number(form.carats) > 0)) errors.carats = 'A positive number, at most two decimals.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    if ((await act.run()) !== undefined) onDone(`Import of ${c.certificateNumber} confirmed.`);
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Confirm the import of ${c.certificateNumber}`}>
      <ProblemMessage error={act.error} />
      <div className="form-grid">
        <Field label="Received (UTC)" error={local.receivedAt ?? server.receivedAt}>
          {(p) => <input {...p} type="datetime-local" value={form.receivedAt} onChange={(e) => setForm({ ...form, receivedAt: e.target.value })} autoFocus />}
        </Field>
        <Field label="Parcels received" error={local.parcels ?? server.parcels}>
          {(p) => <input {...p} inputMode="numeric" value={form.parcels} onChange={(e) => setForm({ ...form, parcels: e.target.value })} />}
        </Field>
        <Field label="Carats received" error={local.carats ?? server.carats}>
          {(p) => <input {...p} inputMode="decimal" value={form.carats} onChange={(e) => setForm({ ...form, carats: e.target.value })} />}
        </Field>
        <Field label="Seals" error={server.sealIntact}>
          {(p) => (
            <select {...p} value={form.sealIntact} onChange={(e) => setForm({ ...form, sealIntact: e.target.value })}>
              <option value="yes">Intact</option>
              <option value="no">Broken</option>
            </select>
          )}
        </Field>
        <Field label="Remarks" error={server.remarks} wide>
          {(p) => <input {...p} value={form.remarks} onChange={(e) => setForm({ ...form, remarks: e.target.value })} maxLength={2000} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={act.pending}>
          {act.pending ? 'Confirming…' : 'Confirm import'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
