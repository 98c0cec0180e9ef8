import { FormEvent, useMemo, useState } from 'react';
import { ApiError, download, Flag, get, Measure, ParticipantDetail, ParticipantSummary, post, query, StatisticsRow } from '../api';
import { BarChart } from '../components/BarChart';
import { Badge, Empty, Field, fieldErrorMap, Loading, PageTitle, ProblemMessage, Section, Success, TableWrap } from '../components/ui';
import { carats, dateTime, num, usd } from '../format';
import { useAction, useAsync } from '../hooks';

// ---- registry and measures ---------------------------------------------------------

export function RegistryPage() {
  const registry = useAsync(() => get<{ items: ParticipantSummary[] }>('/api/v1/participants'), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const items = (registry.data?.items ?? []).filter(
    (p) => !filter || p.code.includes(filter.toUpperCase()) || p.name.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <>
      <PageTitle lead="Every Kimberley Process participant, its measures in force and past; impose an embargo or suspension.">Participants registry</PageTitle>
      <div className="grid-split">
        <Section
          title="Participants"
          testId="registry"
          actions={
            <Field label="Find">
              {(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className="input-medium" placeholder="Code or name" />}
            </Field>
          }
        >
          {registry.loading && <Loading label="Loading the registry…" />}
          <ProblemMessage error={registry.error} />
          {registry.data && (
            <TableWrap label="Participants" className="table-scroll">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.code} className={selected === p.code ? 'selected' : ''} data-testid="participant-row" data-code={p.code}>
                      <th scope="row">
                        <button type="button" className="link-button mono" onClick={() => setSelected(p.code)} aria-pressed={selected === p.code} data-testid={`participant-${p.code}`}>
                          {p.code}
                        </button>
                      </th>
                      <td>
                        {p.name}
                        {p.kind === 'REIO' && <span className="muted"> · {p.members?.length ?? 0} members</span>}
                      </td>
                      <td>
                        <Badge value={p.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Section>
        {selected ? (
          <ParticipantPanel key={selected} code={selected} onChanged={registry.reload} />
        ) : (
          <div className="card placeholder-card">
            <p className="muted">Choose a participant to see its authorities and measures, and to impose a measure.</p>
          </div>
        )}
      </div>
    </>
  );
}

const inForce = (m: Measure, now = Date.now()) => Date.parse(m.effectiveFrom) <= now && (!m.effectiveTo || Date.parse(m.effectiveTo) > now);

function ParticipantPanel({ code, onChanged }: { code: string; onChanged: () => void }) {
  const detail = useAsync(() => get<ParticipantDetail>(`/api/v1/participants/${code}`), [code]);
  const [notice, setNotice] = useState<string | undefined>();
  const [lifting, setLifting] = useState<string | null>(null);
  const d = detail.data;
  const measures = [...(d?.measures ?? [])].reverse();
  return (
    <Section title={d ? `${d.code} — ${d.name}` : code} testId="participant-detail">
      {detail.loading && <Loading />}
      <ProblemMessage error={detail.error} />
      {notice && <Success testId="measure-notice">{notice}</Success>}
      {d && (
        <>
          <p>
            <Badge value={d.status} /> <span className="muted">{d.kind === 'REIO' ? `Regional organisation: ${d.members?.join(', ')}` : 'State'}</span>
          </p>
          <h3>Measures</h3>
          {measures.length === 0 ? (
            <Empty>No measures, past or present.</Empty>
          ) : (
            <ul className="measures" data-testid="measures">
              {measures.map((m) => (
                <li key={m.id} className={`measure${inForce(m) ? ' measure-active' : ''}`} data-testid="measure">
                  <div className="measure-head">
                    <Badge value={m.kind} /> <span>{m.scope === 'ZONES' ? `all but zones ${m.allowedZones?.join(', ')}` : 'all goods'}</span>
                    {inForce(m) ? <span className="badge badge-bad">In force</span> : <span className="badge badge-neutral">Not in force</span>}
                  </div>
                  <p className="muted">
                    {dateTime(m.effectiveFrom)} → {m.effectiveTo ? dateTime(m.effectiveTo) : 'until lifted'}
                  </p>
                  <p>{m.legalBasis}</p>
                  {m.decisionReference && <p className="muted">Decision {m.decisionReference}</p>}
                  {inForce(m) &&
                    (lifting === m.id ? (
                      <LiftForm
                        code={code}
                        measure={m}
                        onCancel={() => setLifting(null)}
                        onDone={() => {
                          setLifting(null);
                          setNotice(`The ${m.kind.toLowerCase()} on ${code} is lifted.`);
                          detail.reload();
                          onChanged();
                        }}
                      />
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => setLifting(m.id)}>
                        Lift…
                      </button>
                    ))}
                </li>
              ))}
            </ul>
          )}
          <ImposeForm
            code={code}
            onDone={(m) => {
              setNotice(`${m.kind === 'EMBARGO' ? 'Embargo' : 'Suspension'} imposed on ${code}: in force at the border within seconds.`);
              detail.reload();
              onChanged();
            }}
          />
          {d.authorities?.length > 0 && (
            <>
              <h3>Authorities</h3>
              <dl className="facts facts-wide">
                {d.authorities.map((a) => (
                  <div key={a.kind}>
                    <dt>{a.kind.toLowerCase()}</dt>
                    <dd>
                      {a.name}
                      {a.email ? ` · ${a.email}` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      )}
    </Section>
  );
}

function ImposeForm({ code, onDone }: { code: string; onDone: (m: Measure) => void }) {
  const [form, setForm] = useState({ kind: 'EMBARGO', scope: 'ALL', allowedZones: '', legalBasis: '', now: true, effectiveFrom: '', effectiveTo: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const act = useAction((body: unknown) => post<Measure>(`/api/v1/participants/${code}/measures`, body));
  const server = fieldErrorMap(act.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const zones = form.allowedZones
      .split(',')
      .map((z) => z.trim())
      .filter(Boolean);
    if (form.scope === 'ZONES' && !zones.length) errors.allowedZones = 'Name at least one zone whose goods may pass.';
    if (form.legalBasis.trim().length < 3) errors.legalBasis = 'Give the legal basis (the decision and its reference).';
    if (!form.now && !form.effectiveFrom) errors.effectiveFrom = 'When does it take effect?';
    if (form.effectiveTo && form.effectiveTo <= (form.now ? new Date().toISOString().slice(0, 16) : form.effectiveFrom)) errors.effectiveTo = 'The end must come after the start.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const measure = await act.run({
      kind: form.kind,
      scope: form.scope,
      ...(form.scope === 'ZONES' ? { allowedZones: zones } : {}),
      effectiveFrom: form.now ? new Date().toISOString() : new Date(`${form.effectiveFrom}:00Z`).toISOString(),
      ...(form.effectiveTo ? { effectiveTo: new Date(`${form.effectiveTo}:00Z`).toISOString() } : {}),
      legalBasis: form.legalBasis.trim(),
    });
    if (measure) {
      setForm({ ...form, legalBasis: '', allowedZones: '' });
      onDone(measure);
    }
  }
  return (
    <form className="subform" onSubmit={submit} noValidate aria-labelledby="impose-title" data-testid="impose-form">
      <h3 id="impose-title">Impose a measure on {code}</h3>
      <ProblemMessage error={act.error} />
      <div className="form-grid">
        <Field label="Kind" error={server.kind} hint={form.kind === 'EMBARGO' ? 'Goods of this origin and its certificates' : 'No trade at all, exports or imports'}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })} data-testid="impose-kind">
              <option value="EMBARGO">Embargo</option>
              <option value="SUSPENSION">Suspension</option>
            </select>
          )}
        </Field>
        <Field label="Scope" error={server.scope}>
          {(p) => (
            <select {...p} value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })} data-testid="impose-scope">
              <option value="ALL">All goods</option>
              <option value="ZONES">All but allowed zones</option>
            </select>
          )}
        </Field>
        {form.scope === 'ZONES' && (
          <Field label="Allowed zones" hint="Comma separated" error={local.allowedZones ?? server.allowedZones} wide>
            {(p) => <input {...p} value={form.allowedZones} onChange={(e) => setForm({ ...form, allowedZones: e.target.value })} />}
          </Field>
        )}
        <Field label="Legal basis *" error={local.legalBasis ?? server.legalBasis} wide>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.legalBasis}
              onChange={(e) => setForm({ ...form, legalBasis: e.target.value })}
              placeholder="Administrative Decision KP/2026/AD-1: …"
              data-testid="impose-legalBasis"
            />
          )}
        </Field>
        <div className="field">
          <span className="label-like">Takes effect</span>
          <label className="check">
            <input type="checkbox" checked={form.now} onChange={(e) => setForm({ ...form, now: e.target.checked })} /> Now
          </label>
        </div>
        {!form.now && (
          <Field label="Effective from (UTC)" error={local.effectiveFrom ?? server.effectiveFrom}>
            {(p) => <input {...p} type="datetime-local" value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} />}
          </Field>
        )}
        <Field label="Until (UTC)" hint="Optional" error={local.effectiveTo ?? server.effectiveTo}>
          {(p) => <input {...p} type="datetime-local" value={form.effectiveTo} onChange={(e) => setForm({ ...form, effectiveTo: e.target.value })} />}
        </Field>
      </div>
      <button type="submit" className="btn btn-danger" disabled={act.pending} data-testid="impose-submit">
        {act.pending ? 'Imposing…' : `Impose ${form.kind === 'EMBARGO' ? 'embargo' : 'suspension'}`}
      </button>
    </form>
  );
}

function LiftForm({ code, measure, onDone, onCancel }: { code: string; measure: Measure; onDone: () => void; onCancel: () => void }) {
  const [legalBasis, setLegalBasis] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const act = useAction(() => post(`/api/v1/participants/${code}/measures/${measure.id}/lift`, { legalBasis: legalBasis.trim() }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (legalBasis.trim().length < 3) return setMissing('Give the legal basis for lifting it.');
    setMissing(undefined);
    if ((await act.run()) !== undefined) onDone();
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Lift the measure">
      <ProblemMessage error={act.error} />
      <Field label="Legal basis for lifting *" error={missing ?? fieldErrorMap(act.error).legalBasis}>
        {(p) => <input {...p} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} autoFocus />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={act.pending}>
          {act.pending ? 'Lifting…' : 'Lift now'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- red flags ---------------------------------------------------------------------

export function FlagsPage() {
  const [status, setStatus] = useState<'open' | 'cleared' | 'all'>('open');
  const flags = useAsync(() => get<{ items: Flag[] }>(`/api/v1/flags${query({ status })}`), [status]);
  const [clearing, setClearing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <>
      <PageTitle lead="Findings at the border and at import that need the Secretariat's attention.">Red flags</PageTitle>
      <Section
        title={status === 'open' ? 'Open flags' : status === 'cleared' ? 'Cleared flags' : 'All flags'}
        testId="flags"
        actions={
          <Field label="Show">
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
                <option value="open">Open</option>
                <option value="cleared">Cleared</option>
                <option value="all">All</option>
              </select>
            )}
          </Field>
        }
      >
        {notice && <Success testId="flag-notice">{notice}</Success>}
        {flags.loading && <Loading label="Loading flags…" />}
        <ProblemMessage error={flags.error} />
        {flags.data && flags.data.items.length === 0 && <Empty>No {status === 'all' ? '' : status} flags.</Empty>}
        {flags.data && flags.data.items.length > 0 && (
          <TableWrap label="Flags">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Certificate</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Source</th>
                  <th scope="col">Raised</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {flags.data.items.map((f) => (
                  <tr key={f.id} data-testid="flag-row" data-number={f.certificateNumber} data-code={f.code}>
                    <th scope="row" className="mono">
                      {f.certificateNumber}
                    </th>
                    <td>
                      <strong>{f.code}</strong>
                      <br />
                      {f.message}
                    </td>
                    <td>{f.source}</td>
                    <td>{dateTime(f.raisedAt)}</td>
                    <td>
                      {f.clearedAt ? (
                        <span className="muted">
                          Cleared by {f.clearedBy} {dateTime(f.clearedAt)}: {f.justification}
                        </span>
                      ) : clearing === f.id ? (
                        <ClearFlagForm
                          flag={f}
                          onCancel={() => setClearing(null)}
                          onDone={() => {
                            setClearing(null);
                            setNotice(`Flag on ${f.certificateNumber} cleared.`);
                            flags.reload();
                          }}
                        />
                      ) : (
                        <button type="button" className="btn btn-small" onClick={() => setClearing(f.id)} data-testid="flag-clear">
                          Clear…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Section>
    </>
  );
}

function ClearFlagForm({ flag, onDone, onCancel }: { flag: Flag; onDone: () => void; onCancel: () => void }) {
  const [justification, setJustification] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const act = useAction(() => post(`/api/v1/flags/${flag.id}/clear`, { justification: justification.trim() }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (justification.trim().length < 3) return setMissing('Justify clearing the flag.');
    setMissing(undefined);
    if ((await act.run()) !== undefined) onDone();
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Clear the flag on ${flag.certificateNumber}`}>
      <ProblemMessage error={act.error} />
      <Field label="Justification *" error={missing}>
        {(p) => <input {...p} value={justification} onChange={(e) => setJustification(e.target.value)} autoFocus data-testid="flag-justification" />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={act.pending} data-testid="flag-clear-submit">
          Clear flag
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- statistics --------------------------------------------------------------------

export function StatisticsPage() {
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [quarter, setQuarter] = useState('');
  const [participant, setParticipant] = useState('');
  const stats = useAsync(
    () => get<{ items: StatisticsRow[] }>(`/api/v1/monitoring/statistics${query({ year, quarter, participant })}`),
    [year, quarter, participant],
  );
  const [csvError, setCsvError] = useState<ApiError | undefined>();
  const rows = stats.data?.items ?? [];
  const bars = useMemo(() => {
    const by = new Map<string, { exports: number; imports: number }>();
    for (const r of rows) {
      const b = by.get(r.participant) ?? { exports: 0, imports: 0 };
      if (r.flow === 'EXPORT') b.exports += r.valueUsd;
      else b.imports += r.valueUsd;
      by.set(r.participant, b);
    }
    return [...by.entries()]
      .sort((a, b) => b[1].exports + b[1].imports - (a[1].exports + a[1].imports))
      .slice(0, 20)
      .map(([label, v]) => ({ label, value: v.exports, secondary: v.imports }));
  }, [rows]);
  const totals = (flow: StatisticsRow['flow']) =>
    rows
      .filter((r) => r.flow === flow)
      .reduce((t, r) => ({ certificates: t.certificates + r.certificates, carats: t.carats + r.carats, valueUsd: t.valueUsd + r.valueUsd }), {
        certificates: 0,
        carats: 0,
        valueUsd: 0,
      });
  const exports = totals('EXPORT');
  const imports = totals('IMPORT');

  async function csv() {
    setCsvError(undefined);
    try {
      const blob = await download(`/api/v1/monitoring/statistics.csv${query({ year, quarter, participant })}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `kp-statistics-${year}${quarter ? `-Q${quarter}` : ''}.csv`;
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setCsvError(e as ApiError);
    }
  }

  return (
    <>
      <PageTitle lead="Exports counted at issue, imports at import confirmation.">Statistics</PageTitle>
      <Section
        title={`Trade ${year}${quarter ? ` Q${quarter}` : ''}${participant ? ` · ${participant}` : ''}`}
        testId="statistics"
        actions={
          <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Statistics period">
            <Field label="Year">
              {(p) => (
                <select {...p} value={year} onChange={(e) => setYear(e.target.value)}>
                  {[0, 1, 2, 3, 4].map((i) => (
                    <option key={i} value={thisYear - i}>
                      {thisYear - i}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Quarter">
              {(p) => (
                <select {...p} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
                  <option value="">Whole year</option>
                  {[1, 2, 3, 4].map((q) => (
                    <option key={q} value={q}>
                      Q{q}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Participant">
              {(p) => <input {...p} value={participant} onChange={(e) => setParticipant(e.target.value.toUpperCase().slice(0, 2))} className="mono input-short" placeholder="All" />}
            </Field>
            <button type="button" className="btn btn-small" onClick={stats.reload}>
              Refresh
            </button>
            <button type="button" className="btn btn-small" onClick={csv}>
              CSV
            </button>
          </form>
        }
      >
        <ProblemMessage error={csvError} testId="csv-problem" />
        {stats.loading && <Loading label="Loading statistics…" />}
        {stats.error && (
          <div data-testid="statistics-error">
            <ProblemMessage error={stats.error} />
            <p className="muted">Statistics are unavailable just now; the rest of the console works as usual.</p>
            <button type="button" className="btn btn-small" onClick={stats.reload}>
              Try again
            </button>
          </div>
        )}
        {stats.data && rows.length === 0 && <Empty>No certificates in this period.</Empty>}
        {rows.length > 0 && (
          <>
            <div className="kpis">
              <div className="kpi">
                <span className="kpi-value" data-testid="kpi-exports">
                  {num(exports.certificates)}
                </span>
                <span className="kpi-label">certificates issued for export · {carats(exports.carats)}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value">{usd(exports.valueUsd)}</span>
                <span className="kpi-label">exported</span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="kpi-imports">
                  {num(imports.certificates)}
                </span>
                <span className="kpi-label">imports confirmed · {carats(imports.carats)}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value">{usd(imports.valueUsd)}</span>
                <span className="kpi-label">imported</span>
              </div>
            </div>
            <h3>Value by participant (US$)</h3>
            <BarChart bars={bars} title="Value of exports and imports by participant, in US dollars" format={(n) => usd(n)} legend={['Exports', 'Imports']} />
            <TableWrap label="Statistics">
              <table className="table" data-testid="statistics-table">
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Flow</th>
                    <th scope="col">HS code</th>
                    <th scope="col" className="num">
                      Certificates
                    </th>
                    <th scope="col" className="num">
                      Carats
                    </th>
                    <th scope="col" className="num">
                      Value (US$)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i} data-testid="statistics-row">
                      <th scope="row">{r.participant}</th>
                      <td>{r.flow.toLowerCase()}</td>
                      <td>{r.hsCode}</td>
                      <td className="num">{num(r.certificates)}</td>
                      <td className="num">{num(r.carats)}</td>
                      <td className="num">{usd(r.valueUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </Section>
    </>
  );
}
