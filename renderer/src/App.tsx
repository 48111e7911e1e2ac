/**
 * App shell: skip link, header, keychain banner, left navigation and the current screen. What is shown follows
 * the operator's session from main: no role shows the sign-in, a screen the roles do not open says so.
 */
import { useEffect } from 'react';
import type { LinkView } from '../../contract/approvals-view';
import { api, settle } from './lib/api';
import { linkFromHash } from './lib/deepLink';
import { useApprovals } from './stores/approvals';
import { useSandbox } from './stores/sandbox';
import { Header } from './components/Header';
import { AuditBanner } from './components/AuditBanner';
import { KeychainBanner } from './components/KeychainBanner';
import { Nav } from './components/Nav';
import { NoAccess } from './components/NoAccess';
import { ApprovalsScreen } from './screens/ApprovalsScreen';
import { AuditScreen } from './screens/AuditScreen';
import { EnrollScreen } from './screens/EnrollScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { VerifyScreen } from './screens/VerifyScreen';
import { useAppInfo } from './stores/appInfo';
import { screenHref, screenTitles, startNavSync, useNav, type Screen } from './stores/nav';
import { useProfiles } from './stores/profiles';
import { startSessionSync, useSession } from './stores/session';
import { useVerification } from './stores/verification';
import { startThemeSync } from './stores/theme';

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'verify':
      return <VerifyScreen />;
    case 'approvals':
      return <ApprovalsScreen />;
    case 'enroll':
      return <EnrollScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/**
 * Approval links: from the OS (an event, or one that waited for the window), or in the browser shell from the
 * address (#/approvals?link=…). Main parses each strictly; an accepted one only pre-fills the Approvals form.
 */
function followApprovalLinks(): () => void {
  const show = (link: LinkView): void => {
    useApprovals.getState().applyLink(link);
    if (!window.location.hash.startsWith('#/approvals')) window.location.hash = screenHref('approvals');
  };
  const fromAddress = (): void => {
    const link = linkFromHash(window.location.hash);
    if (!link) return;
    // The link leaves the address at once, so Back or a reload never applies it twice.
    history.replaceState(null, '', screenHref('approvals'));
    void settle((mfa) => mfa.approvals.openLink(link)).then((result) => show(result.ok ? result.value : { ok: false, message: result.message }));
  };
  const stopEvents = api().events.onApprovalLink(show);
  void settle((mfa) => mfa.approvals.takeLink()).then((result) => {
    if (result.ok && result.value.draft) show({ ok: true, draft: result.value.draft });
  });
  fromAddress();
  window.addEventListener('hashchange', fromAddress);
  return () => {
    stopEvents();
    window.removeEventListener('hashchange', fromAddress);
  };
}

/** The screen to show: the one asked for when the roles open it, else the first they open (no address given). */
function useShownScreen(): { screen: Screen | null; denied: Screen | null } {
  const screen = useNav((s) => s.screen);
  const allowed = useSession((s) => s.view?.screens ?? null);
  if (!allowed || allowed.length === 0) return { screen: null, denied: null };
  if (allowed.includes(screen)) return { screen, denied: null };
  const asked = window.location.hash.startsWith('#/') && window.location.hash.length > 2;
  return asked ? { screen: null, denied: screen } : { screen: allowed[0] ?? null, denied: null };
}

export function App() {
  const { screen, denied } = useShownScreen();
  const loaded = useSession((s) => s.view !== null);
  const hasRole = useSession((s) => (s.view?.roles.length ?? 0) > 0);
  const operator = useSession((s) => s.view?.operator ?? null);
  const mayListProfiles = useSession((s) => s.view?.channels.includes('profiles:list') ?? false);
  const mayTakeLinks = useSession((s) => s.view?.channels.includes('approvals:takeLink') ?? false);

  // Another operator (a sign-in, a sign-out) starts clean: nothing of the previous one's call stays on screen.
  useEffect(() => {
    if (operator === null) return;
    useVerification.getState().reset();
    if (mayListProfiles) void useProfiles.getState().load();
    else useProfiles.setState({ profiles: [], selectedId: null, loaded: false, error: null });
  }, [operator, mayListProfiles]);

  useEffect(() => {
    const stopTheme = startThemeSync();
    const stopNav = startNavSync();
    const stopSession = startSessionSync();
    void useAppInfo.getState().load();
    // Turning the sandbox on or off adds or removes its built-in profiles.
    const stopSandbox = api().events.onSandboxChanged((view) => {
      useSandbox.getState().apply(view);
      const shown = useProfiles.getState().profiles.some((p) => p.sandbox);
      const mayList = useSession.getState().view?.channels.includes('profiles:list') ?? false;
      if (mayList && shown !== (view.enabled && view.backends.length > 0)) void useProfiles.getState().load();
    });
    return () => {
      stopTheme();
      stopNav();
      stopSession();
      stopSandbox();
    };
  }, []);

  // Approval links are followed only for an operator whose roles open the Approvals screen.
  useEffect(() => (mayTakeLinks ? followApprovalLinks() : undefined), [mayTakeLinks]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // Focus the content without touching the hash, which holds the current screen.
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
      <Header />
      <KeychainBanner />
      <AuditBanner />
      <div className="app-body">
        <Nav />
        <main id="main-content" className="app-main" tabIndex={-1}>
          {!loaded ? null : !hasRole ? (
            <SignInScreen />
          ) : screen ? (
            <CurrentScreen screen={screen} />
          ) : denied ? (
            <NoAccess title={screenTitles[denied]} />
          ) : null}
        </main>
      </div>
    </div>
  );
}
