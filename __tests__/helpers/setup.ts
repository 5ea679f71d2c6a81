// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
import { Testing } from 'cdktf';
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

setupJest();

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
