/**
 * Left navigation: real links (#/screen) with the current one marked for assistive technology. Only the
 * screens main says the operator's roles open are listed; main refuses the rest whatever is shown.
 */
import { screenHref, screens, screenTitles, useNav } from '../stores/nav';
import { selectScreens, useSession } from '../stores/session';

export function Nav() {
  const current = useNav((s) => s.screen);
  const allowed = useSession(selectScreens);
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {screens.filter((screen) => allowed.includes(screen)).map((screen) => (
          <li key={screen}>
            <a
              href={screenHref(screen)}
              className="nav-link"
              aria-current={screen === current ? 'page' : undefined}
            >
              {screenTitles[screen]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
