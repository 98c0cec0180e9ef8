import { FormEvent, useState } from 'react';
import { Decision, get, post, Proposal, RecordEntry, RecordVerification, Session, Testimony } from '../api';
import { Badge, Empty, Field, fieldErrorMap, Loading, PageTitle, ProblemMessage, Section, Success, TableWrap } from '../components/ui';
import { dateTime, humanize } from '../format';
import { useAction, useAsync } from '../hooks';

const KINDS: [string, string][] = [
  ['EMBARGO_IMPOSE', 'Impose an embargo'],
  ['EMBARGO_LIFT', 'Lift an embargo'],
  ['DEFINITION_CHANGE', 'Change the conflict diamond definition'],
  ['ADMINISTRATIVE_DECISION', 'Administrative decision'],
];
const kindName = (k: string) => KINDS.find(([v]) => v === k)?.[1] ?? humanize(k);

function RecordStatus({ refresh = 0 }: { refresh?: number }) {
  const check = useAsync(() => get<RecordVerification>('/api/v1/reform/record/verify'), [refresh]);
  if (check.loading && !check.data) return <Loading label="Verifying the open record…" />;
  if (check.error) return <ProblemMessage error={check.error} />;
  const v = check.data!;
  return (
    <div className={`record-status ${v.valid ? 'record-ok' : 'record-bad'}`} role="status" data-testid="record-status" data-valid={String(v.valid)}>
      <span className="record-icon" aria-hidden="true">
        {v.valid ? '✓' : '!'}
      </span>
      {v.valid ? (
        <span>
          The open record is intact: <strong>{v.entries}</strong> entries, each chained to the one before by its hash.
        </span>
      ) : (
        <span>
          The open record is <strong>broken</strong> at entry {v.firstInvalid}
          {v.reason ? `: ${v.reason}` : ''}.
        </span>
      )}
    </div>
  );
}

// ---- proposals ---------------------------------------------------------------------

export function ProposalsPage({ session }: { session: Session }) {
  const roles = session.user.roles;
  const proposals = useAsync(() => get<{ items: Proposal[] }>('/api/v1/reform/proposals'), []);
  const canSubmit = roles.some((r) => ['committee_member', 'chair', 'secretariat'].includes(r));
  const [notice, setNotice] = useState<string | undefined>();
  const [changes, setChanges] = useState(0);
  return (
    <>
      <PageTitle lead="The reform committee decides by consensus: at least one participant supports and none objects.">Reform proposals</PageTitle>
      <RecordStatus refresh={changes} />
      {notice && <Success testId="reform-notice">{notice}</Success>}
      {canSubmit && (
        <SubmitProposal
          onDone={(p) => {
            setNotice(`Proposal “${p.title}” submitted.`);
            setChanges((n) => n + 1);
            proposals.reload();
          }}
        />
      )}
      {proposals.loading && !proposals.data && <Loading label="Loading proposals…" />}
      <ProblemMessage error={proposals.error} />
      {proposals.data && proposals.data.items.length === 0 && <Empty>No proposals yet.</Empty>}
      <div className="proposals">
        {proposals.data?.items.map((p) => (
          <ProposalCard
            key={p.id}
            proposal={p}
            session={session}
            onChanged={(message) => {
              if (message) setNotice(message);
              setChanges((n) => n + 1);
              proposals.reload();
            }}
          />
        ))}
      </div>
    </>
  );
}

function SubmitProposal({ onDone }: { onDone: (p: Proposal) => void }) {
  const empty = { title: '', kind: 'EMBARGO_IMPOSE', participant: '', scope: 'ALL', allowedZones: '', definition: '', rationale: '' };
  const [form, setForm] = useState(empty);
  const [local, setLocal] = useState<Record<string, string>>({});
  const act = useAction((body: unknown) => post<Proposal>('/api/v1/reform/proposals', body));
  const server = fieldErrorMap(act.error);
  const embargo = form.kind === 'EMBARGO_IMPOSE' || form.kind === 'EMBARGO_LIFT';
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const zones = form.allowedZones
      .split(',')
      .map((z) => z.trim())
      .filter(Boolean);
    if (form.title.trim().length < 5) errors.title = 'A title of at least 5 characters.';
    if (form.rationale.trim().length < 10) errors.rationale = 'A rationale of at least 10 characters.';
    if (embargo && !/^[A-Z]{2}$/.test(form.participant)) errors.participant = 'The participant concerned, a two-letter code.';
    if (embargo && form.scope === 'ZONES' && !zones.length) errors.allowedZones = 'Name the zones whose goods may pass.';
    if (form.kind === 'DEFINITION_CHANGE' && form.definition.trim().length < 20) errors.definition = 'The new definition, at least 20 characters.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const effect = embargo
      ? { participant: form.participant, scope: form.scope, ...(form.scope === 'ZONES' ? { allowedZones: zones } : {}) }
      : form.kind === 'DEFINITION_CHANGE'
        ? { definition: form.definition.trim() }
        : undefined;
    const p = await act.run({ title: form.title.trim(), kind: form.kind, ...(effect ? { effect } : {}), rationale: form.rationale.trim() });
    if (p) {
      setForm(empty);
      onDone(p);
    }
  }
  return (
    <details className="card collapsible">
      <summary>
        <h2>Submit a proposal</h2>
      </summary>
      <form onSubmit={submit} noValidate data-testid="proposal-form">
        <ProblemMessage error={act.error} />
        <div className="form-grid">
          <Field label="Title *" error={local.title ?? server.title} wide>
            {(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={300} />}
          </Field>
          <Field label="Kind" error={server.kind}>
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                {KINDS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {embargo && (
            <>
              <Field label="Participant concerned *" error={local.participant ?? server['effect.participant']}>
                {(p) => <input {...p} className="mono input-short" value={form.participant} onChange={(e) => setForm({ ...form, participant: e.target.value.toUpperCase().slice(0, 2) })} />}
              </Field>
              <Field label="Scope" error={server['effect.scope']}>
                {(p) => (
                  <select {...p} value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>
                    <option value="ALL">All goods</option>
                    <option value="ZONES">All but allowed zones</option>
                  </select>
                )}
              </Field>
              {form.scope === 'ZONES' && (
                <Field label="Allowed zones" hint="Comma separated" error={local.allowedZones}>
                  {(p) => <input {...p} value={form.allowedZones} onChange={(e) => setForm({ ...form, allowedZones: e.target.value })} />}
                </Field>
              )}
            </>
          )}
          {form.kind === 'DEFINITION_CHANGE' && (
            <Field label="New definition *" error={local.definition ?? server['effect.definition']} wide>
              {(p) => <textarea {...p} rows={3} value={form.definition} onChange={(e) => setForm({ ...form, definition: e.target.value })} />}
            </Field>
          )}
          <Field label="Rationale *" error={local.rationale ?? server.rationale} wide>
            {(p) => <textarea {...p} rows={3} value={form.rationale} onChange={(e) => setForm({ ...form, rationale: e.target.value })} />}
          </Field>
        </div>
        <button type="submit" className="btn btn-primary" disabled={act.pending}>
          {act.pending ? 'Submitting…' : 'Submit proposal'}
        </button>
      </form>
    </details>
  );
}

function ProposalCard({ proposal: p, session, onChanged }: { proposal: Proposal; session: Session; onChanged: (message?: string) => void }) {
  const roles = session.user.roles;
  const canTakePosition = p.status === 'OPEN' && roles.some((r) => r === 'committee_member' || r === 'chair') && Boolean(session.user.participant);
  const isChair = roles.includes('chair');
  const adopt = useAction(() => post<Decision>(`/api/v1/reform/proposals/${p.id}/decision`, {}));
  const supports = p.positions.filter((x) => x.position === 'SUPPORT').length;
  const objects = p.positions.filter((x) => x.position === 'OBJECT').length;
  return (
    <article className="card proposal" aria-labelledby={`proposal-${p.id}`} data-testid="proposal" data-id={p.id} data-title={p.title}>
      <div className="card-head">
        <div>
          <h2 id={`proposal-${p.id}`}>{p.title}</h2>
          <p className="muted">
            {kindName(p.kind)}
            {p.effect?.participant ? ` · ${p.effect.participant}${p.effect.scope === 'ZONES' ? ` (all but ${p.effect.allowedZones?.join(', ')})` : ''}` : ''} · submitted by {p.submittedBy}
            {p.participant ? ` (${p.participant})` : ''} on {dateTime(p.submittedAt)}
          </p>
        </div>
        <div className="proposal-status">
          <Badge value={p.status} testId="proposal-status" />
          {p.decisionReference && (
            <span className="mono" data-testid="proposal-decision">
              {p.decisionReference}
            </span>
          )}
        </div>
      </div>
      <p className="rationale">{p.rationale}</p>
      {p.effect?.definition && <blockquote>{p.effect.definition}</blockquote>}

      <h3>
        Positions{' '}
        <span className="muted">
          · {supports} in support, {objects} objecting
        </span>
      </h3>
      {p.positions.length === 0 ? (
        <Empty>No participant has taken a position yet.</Empty>
      ) : (
        <TableWrap label={`Positions on ${p.title}`}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Position</th>
                <th scope="col">Statement</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {p.positions.map((x) => (
                <tr key={x.participant} data-testid="position">
                  <th scope="row">{x.participant}</th>
                  <td>
                    <Badge value={x.position} />
                  </td>
                  <td>{x.statement ?? <span className="muted">—</span>}</td>
                  <td>
                    {x.recordedBy} <span className="muted">{dateTime(x.recordedAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {(canTakePosition || (isChair && p.status === 'OPEN')) && (
      <div className="proposal-actions">
        {canTakePosition && <PositionForm proposal={p} participant={session.user.participant!} onDone={() => onChanged(`Position of ${session.user.participant} recorded.`)} />}
        {isChair && p.status === 'OPEN' && (
          <div className="adopt">
            <button
              type="button"
              className="btn btn-primary"
              disabled={adopt.pending}
              data-testid="adopt"
              onClick={async () => {
                const d = await adopt.run();
                if (d) onChanged(`Decision ${d.reference} adopted: “${d.title}”.`);
              }}
            >
              {adopt.pending ? 'Adopting…' : 'Adopt by consensus'}
            </button>
            <ProblemMessage error={adopt.error} testId="adopt-problem" />
          </div>
        )}
      </div>
      )}

      <details className="comments">
        <summary>
          Comments <span className="muted">({p.comments.length})</span>
        </summary>
        {p.comments.length > 0 && (
          <ul className="comment-list">
            {p.comments.map((c) => (
              <li key={c.id}>
                <p className="muted">
                  <strong>{c.author}</strong> · {c.roles.map(humanize).join(', ')} · {dateTime(c.at)}
                </p>
                <p>{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        <CommentForm proposal={p} onDone={() => onChanged()} />
      </details>
    </article>
  );
}

function PositionForm({ proposal, participant, onDone }: { proposal: Proposal; participant: string; onDone: () => void }) {
  const current = proposal.positions.find((x) => x.participant === participant);
  const [position, setPosition] = useState<string>(current?.position ?? 'SUPPORT');
  const [statement, setStatement] = useState('');
  const act = useAction(() => post(`/api/v1/reform/proposals/${proposal.id}/positions`, { position, ...(statement.trim() ? { statement: statement.trim() } : {}) }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await act.run()) !== undefined) {
      setStatement('');
      onDone();
    }
  }
  return (
    <form className="position-form" onSubmit={submit} noValidate aria-label={`Position of ${participant}`} data-testid="position-form">
      <ProblemMessage error={act.error} />
      <fieldset className="segmented">
        <legend>Position of {participant}</legend>
        {['SUPPORT', 'OBJECT', 'ABSTAIN'].map((v) => (
          <label key={v} className={position === v ? 'active' : ''}>
            <input type="radio" name={`position-${proposal.id}`} value={v} checked={position === v} onChange={() => setPosition(v)} /> {humanize(v)}
          </label>
        ))}
      </fieldset>
      <Field label="Statement" hint="Optional">
        {(p) => <input {...p} value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={5000} />}
      </Field>
      <button type="submit" className="btn" disabled={act.pending}>
        {current ? 'Change position' : 'Record position'}
      </button>
    </form>
  );
}

function CommentForm({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const act = useAction(() => post(`/api/v1/reform/proposals/${proposal.id}/comments`, { body: body.trim() }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setMissing('Write a comment first.');
    setMissing(undefined);
    if ((await act.run()) !== undefined) {
      setBody('');
      onDone();
    }
  }
  return (
    <form onSubmit={submit} noValidate className="comment-form">
      <ProblemMessage error={act.error} />
      <Field label="Add a comment" error={missing}>
        {(p) => <textarea {...p} rows={2} value={body} onChange={(e) => setBody(e.target.value)} maxLength={10000} />}
      </Field>
      <button type="submit" className="btn btn-small" disabled={act.pending}>
        Comment
      </button>
    </form>
  );
}

// ---- decisions, testimonies, the record ----------------------------------------------

export function DecisionsPage() {
  const decisions = useAsync(() => get<{ items: Decision[] }>('/api/v1/reform/decisions'), []);
  return (
    <>
      <PageTitle lead="Adopted by consensus; an embargo decided here takes effect at the border by itself.">Decisions</PageTitle>
      <RecordStatus />
      <Section title="Adopted decisions" testId="decisions">
        {decisions.loading && <Loading />}
        <ProblemMessage error={decisions.error} />
        {decisions.data?.items.length === 0 && <Empty>No decisions adopted yet.</Empty>}
        {decisions.data && decisions.data.items.length > 0 && (
          <TableWrap label="Decisions">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Effect</th>
                  <th scope="col">Adopted</th>
                </tr>
              </thead>
              <tbody>
                {decisions.data.items.map((d) => (
                  <tr key={d.reference} data-testid="decision-row">
                    <th scope="row" className="mono">
                      {d.reference}
                    </th>
                    <td>{d.title}</td>
                    <td>{kindName(d.kind)}</td>
                    <td>{d.effects?.participant ? `${d.effects.participant}${d.effects.scope ? ` (${d.effects.scope.toLowerCase()})` : ''}` : '—'}</td>
                    <td>
                      {dateTime(d.adoptedAt)} <span className="muted">by {d.adoptedBy}, {humanize(d.procedure)}</span>
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

export function TestimoniesPage({ session }: { session: Session }) {
  const testimonies = useAsync(() => get<{ items: Testimony[] }>('/api/v1/reform/testimonies'), []);
  const [form, setForm] = useState({ title: '', body: '', community: '', protectIdentity: true });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | undefined>();
  const act = useAction((body: unknown) => post<Testimony>('/api/v1/reform/testimonies', body));
  const server = fieldErrorMap(act.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (form.title.trim().length < 3) errors.title = 'A title of at least 3 characters.';
    if (form.body.trim().length < 10) errors.body = 'The testimony, at least 10 characters.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const t = await act.run({
      title: form.title.trim(),
      body: form.body.trim(),
      ...(form.community.trim() ? { community: form.community.trim() } : {}),
      protectIdentity: form.protectIdentity,
    });
    if (t) {
      setNotice(form.protectIdentity ? 'Testimony submitted. Only the Secretariat can see who gave it.' : 'Testimony submitted.');
      setForm({ title: '', body: '', community: '', protectIdentity: true });
      testimonies.reload();
    }
  }
  const isSecretariat = session.user.roles.includes('secretariat');
  return (
    <>
      <PageTitle lead="Communities and civil society speak to the committee; identities can be protected.">Testimonies</PageTitle>
      <div className="grid-2">
        <Section title="Give a testimony">
          <form onSubmit={submit} noValidate data-testid="testimony-form">
            {notice && <Success>{notice}</Success>}
            <ProblemMessage error={act.error} />
            <Field label="Title *" error={local.title ?? server.title}>
              {(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={300} data-testid="testimony-title" />}
            </Field>
            <Field label="Community" hint="Optional" error={server.community}>
              {(p) => <input {...p} value={form.community} onChange={(e) => setForm({ ...form, community: e.target.value })} maxLength={200} />}
            </Field>
            <Field label="Testimony *" error={local.body ?? server.body}>
              {(p) => <textarea {...p} rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} data-testid="testimony-body" />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={form.protectIdentity} onChange={(e) => setForm({ ...form, protectIdentity: e.target.checked })} /> Protect my identity (only the
              Secretariat may see who gave it, and each look is logged)
            </label>
            <button type="submit" className="btn btn-primary" disabled={act.pending} data-testid="testimony-submit">
              {act.pending ? 'Submitting…' : 'Submit testimony'}
            </button>
          </form>
        </Section>
        <Section title="Testimonies" testId="testimonies">
          {testimonies.loading && <Loading />}
          <ProblemMessage error={testimonies.error} />
          {testimonies.data?.items.length === 0 && <Empty>No testimonies yet.</Empty>}
          <ul className="testimonies">
            {testimonies.data?.items.map((t) => (
              <li key={t.id} data-testid="testimony">
                <p className="testimony-title">{t.title}</p>
                <p className="muted">
                  {t.community ? `${t.community} · ` : ''}
                  {dateTime(t.submittedAt)} ·{' '}
                  {t.submittedBy ? (
                    <>
                      by {t.submittedBy}
                      {t.protectIdentity && isSecretariat ? ' (protected; this view is logged)' : ''}
                    </>
                  ) : (
                    'identity protected'
                  )}
                </p>
                <p>{t.body}</p>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </>
  );
}

export function RecordPage() {
  const record = useAsync(() => get<{ items: RecordEntry[] }>('/api/v1/reform/record'), []);
  const items = [...(record.data?.items ?? [])].reverse();
  return (
    <>
      <PageTitle lead="An append-only log of proposals, positions and decisions; each entry carries the hash of the one before.">The open record</PageTitle>
      <RecordStatus />
      <Section title="Entries" testId="record">
        {record.loading && <Loading />}
        <ProblemMessage error={record.error} />
        {record.data?.items.length === 0 && <Empty>The record is empty.</Empty>}
        {items.length > 0 && (
          <TableWrap label="Record entries">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Entry</th>
                  <th scope="col">Subject</th>
                  <th scope="col">At</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.seq} data-testid="record-entry">
                    <td className="num">{e.seq}</td>
                    <td>{humanize(e.kind)}</td>
                    <td>{describe(e)}</td>
                    <td>{dateTime(e.at)}</td>
                    <td className="mono hash" title={e.hash}>
                      {e.hash.slice(0, 12)}…
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

function describe(e: RecordEntry): string {
  const p = e.payload as Record<string, unknown>;
  if (e.kind === 'POSITION_RECORDED') return `${p.participant} ${String(p.position).toLowerCase()}s`;
  if (typeof p.title === 'string') return `${e.kind === 'DECISION_ADOPTED' ? `${e.ref}: ` : ''}${p.title}`;
  return e.ref;
}
