/** App shell: skip link, header, keychain banner, left navigation and the current screen. */
import { useEffect } from 'react';
import { api } from './lib/api';
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
import { startNavSync, useNav, type Screen } from './stores/nav';
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
    return () => {
      stopTheme();
      stopNav();
      stopSandbox();
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
