import { FormEvent, useRef, useState } from 'react';
import { login, Session } from '../api';
import { Field, ProblemMessage } from '../components/ui';
import { useAction } from '../hooks';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const userRef = useRef<HTMLInputElement>(null);
  const action = useAction(login);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const m = { username: username.trim() ? undefined : 'Enter your username.', password: password ? undefined : 'Enter your password.' };
    setMissing(m);
    if (m.username || m.password) return;
    const session = await action.run(username.trim(), password);
    if (session) onSignedIn(session);
  }

  return (
    <div className="signin">
      <div className="signin-brand">
        <Logo size={56} />
        <p className="signin-name">KP Platform</p>
        <p className="signin-tag">Kimberley Process certificates for rough diamonds: issue, verify at the border, monitor, reform.</p>
      </div>
      <form className="card signin-card" onSubmit={submit} noValidate aria-labelledby="signin-title" data-testid="signin-form">
        <h1 id="signin-title">Sign in</h1>
        <ProblemMessage error={action.error} />
        <Field label="Username" error={missing.username}>
          {(p) => (
            <input
              {...p}
              ref={userRef}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="signin-username"
              autoFocus
            />
          )}
        </Field>
        <Field label="Password" error={missing.password}>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="signin-password"
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={action.pending} data-testid="signin-submit">
          {action.pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint signin-hint">Your session ends when you close this tab.</p>
      </form>
    </div>
  );
}

export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <path d="M8 4h16l6 8-14 16L2 12z" fill="currentColor" opacity="0.9" />
      <path d="M2 12h28M8 4l4 8 4-8 4 8 4-8M12 12l4 16 4-16" fill="none" stroke="#fff" strokeWidth="1.2" strokeLinejoin="round" opacity="0.7" />
    </svg>
  );
}
