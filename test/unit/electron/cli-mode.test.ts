/** The packaged app as a command line: which argument lists make it one, and its exit code. */
import { describe, expect, it, vi } from 'vitest';
import { cliArguments, runElectronCli } from '../../../main/electron/cli-mode.js';
import { silentLogger } from '../../../main/services/log.js';

describe('the desktop app as a command line', () => {
  it('is a command line only when the first argument after Chromium switches is a CLI verb', () => {
    expect(cliArguments(['/opt/MFA Approver/mfa-approver', 'verify', '--profile', 'P'], true)).toEqual(['verify', '--profile', 'P']);
    expect(cliArguments(['/opt/x/mfa-approver', '--no-sandbox', 'profiles', 'list'], true)).toEqual(['profiles', 'list']);
    expect(cliArguments(['electron', '.', 'profiles', 'list'], false)).toEqual(['profiles', 'list']);
    expect(cliArguments(['/opt/x/mfa-approver', 'receipt', 'verify', 'r.jws'], true)).toEqual(['receipt', 'verify', 'r.jws']);
    expect(cliArguments(['/opt/x/mfa-approver'], true)).toBeNull();
    expect(cliArguments(['/opt/x/mfa-approver', '--inspect'], true)).toBeNull();
    // A file or URL handed to the app by the OS is not a command.
    expect(cliArguments(['/opt/x/mfa-approver', 'mfa-approver://approve?x=1'], true)).toBeNull();
    expect(cliArguments(['electron', '.'], false)).toBeNull();
  });

  it('runs the CLI without a window and exits with its code', async () => {
    const out = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = vi.fn();
    const hide = vi.fn();
    await runElectronCli({ getPath: () => '/nonexistent', getVersion: () => '9.9.9', exit, dock: { hide }, isPackaged: false }, ['verify'], silentLogger);
    out.mockRestore();
    expect(hide).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(64);
  });
});
