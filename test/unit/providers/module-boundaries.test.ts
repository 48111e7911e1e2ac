/**
 * A provider is a module: its types live in main/providers/<kind>/, its simulator folder and
 * contract/providers/<kind>.ts. Elsewhere only the two registry lines name it, and the renderer never does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerKinds } from '../../../contract/providers/index.js';

const roots = ['contract', 'main', 'renderer/src', 'preload', 'shell', 'simulators'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = roots.flatMap(sources).map((file) => ({ file: file.split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));
/** The registries may import a module's value, never its types. */
const registries = new Set(['contract/providers/index.ts', 'main/providers/registry.ts', 'simulators/index.ts']);

describe.each(providerKinds.map((kind) => [kind]))('the %s provider', (kind) => {
  const own = (file: string): boolean =>
    file.startsWith(`main/providers/${kind}/`) || file.startsWith(`simulators/${kind}/`) || file === `contract/providers/${kind}.ts`;
  const typeName = new RegExp(`\\b${kind.charAt(0).toUpperCase()}${kind.slice(1)}[A-Z]\\w*|\\b${kind}SettingsSchema\\b`);

  it('keeps its types inside its own folders', () => {
    const leaks = files.filter(({ file, text }) => !own(file) && typeName.test(text)).map(({ file }) => file);
    expect(leaks).toEqual([]);
  });

  it('is named outside its folders only by the registry lines, and never by the renderer', () => {
    const mentions = files
      .filter(({ file, text }) => !own(file) && new RegExp(`providers/${kind}\\b|/${kind}/|\\b${kind}(Module|Contract|Sandbox)\\b`).test(text))
      .map(({ file }) => file);
    expect(mentions.every((file) => registries.has(file))).toBe(true);
    expect(files.filter(({ file, text }) => file.startsWith('renderer/') && new RegExp(`'${kind}'`).test(text))).toEqual([]);
  });
});
