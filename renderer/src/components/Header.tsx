/** Top bar: app name, operator, Sandbox badge for the selected profile, theme toggle. */
import { selectAppName, useAppInfo } from '../stores/appInfo';
import { OperatorBadge } from './OperatorBadge';
import { selectIsSandboxSelected, useProfiles } from '../stores/profiles';
import { useTheme } from '../stores/theme';

export function Header() {
  const name = useAppInfo(selectAppName);
  const version = useAppInfo((s) => s.info?.version ?? null);
  const sandbox = useProfiles(selectIsSandboxSelected);
  const theme = useTheme((s) => s.theme);
  const toggleTheme = useTheme((s) => s.toggle);

  return (
    <header className="app-header">
      <div className="app-title">
        <span className="app-name">{name}</span>
        {version ? <span className="app-version">v{version}</span> : null}
        {sandbox ? (
          <span className="badge badge-sandbox" title="Pushes go to the simulated phone, not to real users">
            Sandbox
          </span>
        ) : null}
      </div>
      <div className="header-tools">
        <OperatorBadge />
        <button type="button" className="button button-quiet" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
          Dark theme
        </button>
      </div>
    </header>
  );
}
