/** The answer of "Test connection": whether a token could be acquired and, if not, how to fix it. */
import type { TestState } from '../../stores/profiles';
import { Notice } from '../Notice';

export function ConnectionResult({ state }: { state: TestState | undefined }) {
  if (!state) return null;
  if (state.status === 'running') {
    return (
      <p className="field-note" role="status">
        Testing the connection…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <Notice tone="error" title="The test could not run">
        {state.message}
      </Notice>
    );
  }
  const { view } = state;
  return (
    <Notice tone={view.ok ? 'info' : 'error'} title={view.ok ? 'Connection works' : 'Connection failed'}>
      <p>{view.message}</p>
      {view.code ? (
        <p>
          Code: <code>{view.code}</code>
        </p>
      ) : null}
      {view.fix ? (
        <p>
          <strong>How to fix:</strong> {view.fix}
        </p>
      ) : null}
    </Notice>
  );
}
