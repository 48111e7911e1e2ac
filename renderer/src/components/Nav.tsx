/** Left navigation: real links (#/screen) with the current one marked for assistive technology. */
import { screenHref, screens, screenTitles, useNav } from '../stores/nav';

export function Nav() {
  const current = useNav((s) => s.screen);
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {screens.map((screen) => (
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
