/** Runs every conformance check against a driver as vitest tests. */
import { describe, it } from 'vitest';
import { codeChecks, type CodeConformanceDriver } from './code-suite.js';
import { enrollChecks, enrollFaultChecks, type EnrollDriver } from './enroll-suite.js';
import { stepUpChecks, type StepUpDriver } from './step-up-suite.js';
import { checks, type ConformanceDriver } from './suite.js';

export function describeConformance(driver: ConformanceDriver): void {
  describe(`provider conformance: ${driver.name}`, () => {
    for (const [name, check] of Object.entries(checks)) it(name, () => check(driver), 30_000);
  });
}

/** Runs the read-back code checks against a driver of a provider that verifies callers by code. */
export function describeCodeConformance(driver: CodeConformanceDriver): void {
  describe(`code conformance: ${driver.name}`, () => {
    for (const [name, check] of Object.entries(codeChecks)) it(name, () => check(driver), 30_000);
  });
}

/** Runs the step-up checks against a driver of a provider that lets an approver prove their own second factor. */
export function describeStepUpConformance(driver: StepUpDriver): void {
  describe(`step-up conformance: ${driver.name}`, () => {
    for (const [name, check] of Object.entries(stepUpChecks)) it(name, () => check(driver), 30_000);
  });
}

/** Runs the enrollment checks against a driver; the broken-answer checks only for providers that ask a server. */
export function describeEnrollConformance(driver: EnrollDriver, remote: boolean): void {
  describe(`enrollment conformance: ${driver.name}`, () => {
    for (const [name, check] of Object.entries(enrollChecks)) it(name, () => check(driver), 30_000);
    if (remote) for (const [name, check] of Object.entries(enrollFaultChecks)) it(name, () => check(driver), 30_000);
  });
}
