/** Runs every conformance check against a driver as vitest tests. */
import { describe, it } from 'vitest';
import { checks, type ConformanceDriver } from './suite.js';

export function describeConformance(driver: ConformanceDriver): void {
  describe(`provider conformance: ${driver.name}`, () => {
    for (const [name, check] of Object.entries(checks)) it(name, () => check(driver), 30_000);
  });
}
