/** Renderer entry: mounts the app, or a plain explanation when the app bridge is missing. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hasApi } from './lib/api';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/status.css';
import './styles/verify.css';
import './styles/phone.css';
import './styles/enroll.css';
import './styles/audit.css';
import './styles/settings.css';
import './styles/approvals.css';

function MissingBridge() {
  return (
    <main className="missing-bridge">
      <h1>MFA Approver cannot start</h1>
      <p>
        This page must be opened by the MFA Approver app. The connection to the app (window.mfa) is missing, so
        nothing here can work.
      </p>
    </main>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(<StrictMode>{hasApi() ? <App /> : <MissingBridge />}</StrictMode>);
}
