// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
import { Testing } from 'cdktf';
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipTokenStackTraces } from '../../src/token-stack-traces';

setupJest();

// Under jest every stack trace also goes through source-map support: the per-token traces the app skips would be
// the largest cost of the unit tests (building the whole app: 0.4 s in node, 1.7 s under jest).
skipTokenStackTraces();

// `Testing.app()` — and so `Testing.synthScope()` and `testApp()` — makes a new temp dir per call and never removes
// it. Tests here only synthesize in memory, so every test app of a test file without an outdir of its own shares one
// outdir, made on first use and removed when the file is done.
let outdir: string | undefined;
const testingApp = Testing.app.bind(Testing);
Testing.app = (options = {}) =>
  testingApp({ ...options, outdir: options.outdir ?? (outdir ??= mkdtempSync(join(tmpdir(), 'cdktf-test-'))) });

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});
