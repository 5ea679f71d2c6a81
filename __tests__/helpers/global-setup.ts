/**
 * Once per jest run: synthesize the whole app from the shipped configuration (what `cdktf synth` writes), so the
 * many test files that read a shipped stack read it from disk instead of each synthesizing it again.
 */
import { App } from 'cdktf';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/load';
import { guardrailsOf } from '../../src/guardrails';
import { GUARDRAILS_REPORT_FILE, SYNTHESIZED_APP_ENV, type ShippedGuardrailsReport } from './synthesized-app';

export default function globalSetup(): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-app-'));
  // The guardrails pack runs in this synth too: an unsuppressed error fails the whole run here.
  const app = buildApp(new App({ outdir, skipValidation: false }), loadConfig({}));
  app.synth();
  const report: ShippedGuardrailsReport = guardrailsOf(app)!.reports.map((stack) => ({
    stack: stack.stack,
    findings: stack.findings.map((finding) => ({
      rule: finding.rule.id,
      severity: finding.rule.severity,
      path: finding.block.path,
      status: finding.status,
      reason: finding.suppression?.reason,
    })),
    suppressionProblems: stack.suppressionProblems.length,
  }));
  writeFileSync(join(outdir, GUARDRAILS_REPORT_FILE), JSON.stringify(report));
  process.env[SYNTHESIZED_APP_ENV] = outdir;
}
