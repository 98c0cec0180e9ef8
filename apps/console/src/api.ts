/**
 * A tiny client for the platform's public API (v1). The bearer token lives in
 * sessionStorage: it goes when the tab closes, and is never sent anywhere but here.
 */

export interface User {
  username: string;
  roles: string[];
  participant: string | null;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: User;
}

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as the platform answers every refusal. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  objectors?: string[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

const SESSION_KEY = 'kp.console.session';
export const SIGNED_OUT_EVENT = 'kp:signed-out';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.accessToken || Date.now() >= session.expiresAt) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

function toProblem(status: number, body: unknown, statusText: string): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.title === 'string' || typeof b.detail === 'string') {
      return { ...b, title: String(b.title ?? statusText), status: Number(b.status ?? status), detail: String(b.detail ?? '') } as Problem;
    }
    if (typeof b.message === 'string') return { title: statusText || 'Error', status, detail: b.message };
  }
  return { title: statusText || 'Error', status, detail: typeof body === 'string' && body.length < 300 ? body : `The platform answered ${status}.` };
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const session = loadSession();
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError({ title: 'No connection', status: 0, detail: 'The platform could not be reached. Check the network and try again.' });
  }
  if (response.status === 401 && session) {
    clearSession();
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, parsed, response.statusText));
  return parsed as T;
}

/** A binary resource (the printable certificate) fetched with the token. */
export async function download(path: string): Promise<Blob> {
  const response = await send('GET', path);
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw new ApiError(toProblem(response.status, parsed, response.statusText));
  }
  return response.blob();
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function login(username: string, password: string): Promise<Session> {
  const answer = await request<{ accessToken: string; expiresIn: number; user: User }>('POST', '/api/v1/auth/login', { username, password });
  const session: Session = { accessToken: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user };
  saveSession(session);
  return session;
}

// ---- the shapes the console reads -------------------------------------------------

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Party {
  name: string;
  address: string;
}

export interface Certificate {
  certificateNumber: string;
  status: string;
  exportingParticipant: string;
  importingParticipant: string;
  exporter: Party;
  importer: Party;
  origin: { countries: string[]; zones?: string[] };
  hsCode: string;
  carats: number;
  valueUsd: number;
  parcels: number;
  issuedAt: string;
  expiresAt: string;
  replaces?: string;
  signature?: { kid: string; alg: string };
  qr: string;
}

export type Verdict = 'VALID' | 'EMBARGOED' | 'FLAGGED' | 'EXPIRED' | 'VOID' | 'UNKNOWN';

export interface Reason {
  code: string;
  message: string;
  legalBasis?: string;
}

export interface VerificationAnswer {
  certificateNumber: string | null;
  verdict: Verdict;
  reasons: Reason[];
  certificate: (Partial<Certificate> & Record<string, unknown>) | null;
  checkedAt: string;
  judgedAt?: string;
  asOf: string | null;
  rulesetVersion?: string;
}

export interface ParticipantSummary {
  code: string;
  name: string;
  kind: 'STATE' | 'REIO';
  status: 'ACTIVE' | 'SUSPENDED';
  members?: string[];
}

export interface Measure {
  id: string;
  participant?: string;
  kind: 'EMBARGO' | 'SUSPENSION';
  scope: 'ALL' | 'ZONES';
  allowedZones: string[] | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  decisionReference?: string;
  liftLegalBasis?: string;
}

export interface ParticipantDetail extends ParticipantSummary {
  authorities: { kind: string; name: string; email?: string | null; phone?: string | null; address?: string | null }[];
  measures: Measure[];
}

export interface Flag {
  id: string;
  certificateNumber: string;
  code: string;
  message: string;
  source: string;
  raisedAt: string;
  clearedAt: string | null;
  clearedBy?: string;
  justification?: string;
}

export interface StatisticsRow {
  participant: string;
  flow: 'EXPORT' | 'IMPORT';
  hsCode: string;
  certificates: number;
  carats: number;
  valueUsd: number;
}

export interface Position {
  participant: string;
  position: 'SUPPORT' | 'OBJECT' | 'ABSTAIN';
  statement: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface Comment {
  id: string;
  author: string;
  roles: string[];
  body: string;
  at: string;
}

export interface Proposal {
  id: string;
  title: string;
  kind: string;
  effect: { participant?: string; scope?: string; allowedZones?: string[]; definition?: string } | null;
  rationale: string;
  subTeam: string | null;
  status: string;
  submittedBy: string;
  participant: string | null;
  submittedAt: string;
  decisionReference: string | null;
  positions: Position[];
  comments: Comment[];
}

export interface Decision {
  reference: string;
  proposalId: string;
  kind: string;
  title: string;
  effects: Proposal['effect'];
  procedure: string;
  adoptedBy: string;
  adoptedAt: string;
}

export interface Testimony {
  id: string;
  title: string;
  body: string;
  community: string | null;
  protectIdentity: boolean;
  submittedAt: string;
  submittedBy?: string;
}

export interface RecordEntry {
  seq: number;
  kind: string;
  ref: string;
  payload: Record<string, unknown>;
  at: string;
  prevHash: string;
  hash: string;
}

export interface RecordVerification {
  valid: boolean;
  entries: number;
  firstInvalid?: number;
  reason?: string;
}
