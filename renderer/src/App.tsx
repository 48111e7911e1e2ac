/** App shell: skip link, header, keychain banner, left navigation and the current screen. */
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
import { ApprovalsScreen } from './screens/ApprovalsScreen';
import { AuditScreen } from './screens/AuditScreen';
import { EnrollScreen } from './screens/EnrollScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { VerifyScreen } from './screens/VerifyScreen';
import { useAppInfo } from './stores/appInfo';
import { screenHref, startNavSync, useNav, type Screen } from './stores/nav';
import { useProfiles } from './stores/profiles';
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

export function App() {
  const screen = useNav((s) => s.screen);

  useEffect(() => {
    const stopTheme = startThemeSync();
    const stopNav = startNavSync();
    void useAppInfo.getState().load();
    void useProfiles.getState().load();
    // Turning the sandbox on or off adds or removes its built-in profiles.
    const stopSandbox = api().events.onSandboxChanged((view) => {
      useSandbox.getState().apply(view);
      const shown = useProfiles.getState().profiles.some((p) => p.sandbox);
      if (shown !== (view.enabled && view.backends.length > 0)) void useProfiles.getState().load();
    });
    const stopLinks = followApprovalLinks();
    return () => {
      stopTheme();
      stopNav();
      stopSandbox();
      stopLinks();
    };
  }, []);

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
          <CurrentScreen screen={screen} />
        </main>
      </div>
    </div>
  );
}
