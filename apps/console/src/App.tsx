import { ReactNode, useEffect, useState } from 'react';
import { clearSession, loadSession, Session, SIGNED_OUT_EVENT } from './api';
import { Empty, PageTitle } from './components/ui';
import { ROLE_NAMES } from './format';
import { navigate, useRoute } from './hooks';
import { CertificatesPage } from './pages/Certificates';
import { IssuePage } from './pages/Issue';
import { FlagsPage, RegistryPage, StatisticsPage } from './pages/Monitor';
import { DecisionsPage, ProposalsPage, RecordPage, TestimoniesPage } from './pages/Reform';
import { Logo, SignIn } from './pages/SignIn';
import { VerifyPage } from './pages/Verify';

interface RouteDef {
  path: string;
  label: string;
  group: string;
  roles: string[] | 'all';
  render: (session: Session) => ReactNode;
}

const ROUTES: RouteDef[] = [
  { path: '/verify', label: 'Verify', group: 'Border', roles: ['customs_officer', 'secretariat', 'issuing_officer'], render: (s) => <VerifyPage session={s} /> },
  { path: '/issue', label: 'Issue', group: 'Certificates', roles: ['issuing_officer'], render: (s) => <IssuePage session={s} /> },
  { path: '/certificates', label: 'Certificates', group: 'Certificates', roles: ['issuing_officer', 'secretariat'], render: (s) => <CertificatesPage session={s} /> },
  { path: '/monitor/registry', label: 'Registry', group: 'Monitoring', roles: ['secretariat'], render: () => <RegistryPage /> },
  { path: '/monitor/flags', label: 'Flags', group: 'Monitoring', roles: ['secretariat'], render: () => <FlagsPage /> },
  { path: '/monitor/statistics', label: 'Statistics', group: 'Monitoring', roles: ['secretariat'], render: () => <StatisticsPage /> },
  { path: '/reform', label: 'Proposals', group: 'Reform', roles: 'all', render: (s) => <ProposalsPage session={s} /> },
  { path: '/reform/decisions', label: 'Decisions', group: 'Reform', roles: 'all', render: () => <DecisionsPage /> },
  { path: '/reform/testimonies', label: 'Testimonies', group: 'Reform', roles: 'all', render: (s) => <TestimoniesPage session={s} /> },
  { path: '/reform/record', label: 'Record', group: 'Reform', roles: 'all', render: () => <RecordPage /> },
];

const allowed = (r: RouteDef, s: Session) => r.roles === 'all' || r.roles.some((role) => s.user.roles.includes(role));

/** Each role's home: the border for customs, issuing for export officers, monitoring for the Secretariat. */
export function homeOf(s: Session): string {
  const roles = s.user.roles;
  if (roles.includes('customs_officer')) return '/verify';
  if (roles.includes('issuing_officer')) return '/issue';
  if (roles.includes('secretariat')) return '/monitor/registry';
  return '/reform';
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [expired, setExpired] = useState(false);
  const route = useRoute();

  useEffect(() => {
    const onSignedOut = () => {
      setSession(null);
      setExpired(true);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  useEffect(() => {
    if (session && (route === '/' || route === '/signin')) navigate(homeOf(session));
  }, [session, route]);

  if (!session) {
    return (
      <main id="main" className="signin-page">
        {expired && (
          <p className="alert alert-warn signin-expired" role="status">
            Your session has ended. Please sign in again.
          </p>
        )}
        <SignIn
          onSignedIn={(s) => {
            setExpired(false);
            setSession(s);
            if (route === '/' || route === '/signin') navigate(homeOf(s));
          }}
        />
      </main>
    );
  }

  const visible = ROUTES.filter((r) => allowed(r, session));
  const current = ROUTES.find((r) => r.path === route);
  const groups = [...new Set(visible.map((r) => r.group))];
  const signOut = () => {
    clearSession();
    setSession(null);
    navigate('/signin');
  };

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href={`#${homeOf(session)}`} aria-label="KP Platform, home">
            <Logo size={28} />
            <span>
              KP Platform <span className="brand-sub">Kimberley Process</span>
            </span>
          </a>
          <div className="user" data-testid="user">
            <span className="user-name">{session.user.username}</span>
            <span className="user-role">
              {session.user.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}
              {session.user.participant ? ` · ${session.user.participant}` : ''}
            </span>
            <button type="button" className="btn btn-small btn-on-dark" onClick={signOut} data-testid="signout">
              Sign out
            </button>
          </div>
        </div>
        <nav className="nav" aria-label="Main">
          <div className="nav-inner">
            {groups.map((g) => (
              <div className="nav-group" key={g} role="group" aria-label={g}>
                <span className="nav-group-name" aria-hidden="true">
                  {g}
                </span>
                {visible
                  .filter((r) => r.group === g)
                  .map((r) => (
                    <a key={r.path} href={`#${r.path}`} aria-current={route === r.path ? 'page' : undefined} data-testid={`nav-${r.path.slice(1).replace(/\//g, '-')}`}>
                      {r.label}
                    </a>
                  ))}
              </div>
            ))}
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="content" key={route}>
        {current && allowed(current, session) ? (
          current.render(session)
        ) : current ? (
          <>
            <PageTitle>Not available</PageTitle>
            <Empty>This page is not open to your role. Use the menu above.</Empty>
          </>
        ) : route === '/' || route === '/signin' ? null : (
          <>
            <PageTitle>Page not found</PageTitle>
            <Empty>
              There is no page at <code>{route}</code>. <a href={`#${homeOf(session)}`}>Go to your home page</a>.
            </Empty>
          </>
        )}
      </main>
      <footer className="footer">
        <span>KP Platform · API v1</span>
        <a href="/api/docs">API documentation</a>
      </footer>
    </>
  );
}
