import { rmSync } from 'node:fs';
import { SYNTHESIZED_APP_ENV } from './synthesized-app';

export default function globalTeardown(): void {
  const outdir = process.env[SYNTHESIZED_APP_ENV];
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}
