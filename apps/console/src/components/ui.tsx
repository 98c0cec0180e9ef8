import { ReactNode, useEffect, useId, useRef } from 'react';
import { ApiError, FieldError } from '../api';
import { humanize } from '../format';

/** An API refusal: its title and detail, and every invalid field it names. */
export function ProblemMessage({ error, fieldLabels, testId = 'problem' }: { error?: ApiError; fieldLabels?: Record<string, string>; testId?: string }) {
  if (!error) return null;
  const p = error.problem;
  const errors: FieldError[] = p.errors ?? [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">
        {p.title}
        {p.status ? <span className="muted"> ({p.status}{p.code ? ` · ${p.code}` : ''})</span> : null}
      </p>
      {p.detail && <p data-testid={`${testId}-detail`}>{p.detail}</p>}
      {Array.isArray(p.objectors) && p.objectors.length > 0 && (
        <p>
          Objecting: <strong data-testid={`${testId}-objectors`}>{p.objectors.join(', ')}</strong>
        </p>
      )}
      {errors.length > 0 && (
        <ul className="field-errors">
          {errors.map((e, i) => (
            <li key={i}>
              <strong>{fieldLabels?.[e.field] ?? e.field}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Success({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="alert alert-success" role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
  wide,
}: {
  label: string;
  hint?: string;
  error?: string;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

/** The page's title; it takes the focus when the page opens, so a screen reader announces it. */
export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-header">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {lead && <p className="lead">{lead}</p>}
    </header>
  );
}

export function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions && <div className="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

const STATUS_TONE: Record<string, string> = {
  ISSUED: 'ok',
  ACTIVE: 'ok',
  OPEN: 'info',
  ADOPTED: 'ok',
  SUPPORT: 'ok',
  IMPORT_CONFIRMED: 'info',
  VOIDED: 'bad',
  REPORTED_LOST: 'bad',
  REPORTED_STOLEN: 'bad',
  SUSPENDED: 'bad',
  OBJECT: 'bad',
  EMBARGO: 'bad',
  SUSPENSION: 'bad',
  EXPIRED: 'warn',
  ABSTAIN: 'neutral',
  REJECTED: 'neutral',
  WITHDRAWN: 'neutral',
};

export function Badge({ value, testId }: { value: string; testId?: string }) {
  return (
    <span className={`badge badge-${STATUS_TONE[value] ?? 'neutral'}`} data-testid={testId}>
      {humanize(value)}
    </span>
  );
}

/** Tables scroll sideways on a small screen instead of breaking the layout. */
export function TableWrap({ children, label, className }: { children: ReactNode; label: string; className?: string }) {
  return (
    <div className={`table-wrap${className ? ` ${className}` : ''}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function fieldErrorMap(error?: ApiError): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of error?.problem.errors ?? []) map[e.field] ??= e.message;
  return map;
}
