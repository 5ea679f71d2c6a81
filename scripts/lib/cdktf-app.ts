/** The command cdktf runs to synthesize: cdktf.json's `app`, the one place it is stated. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './terraform';

/**
 * cdktf.json's `app`. `cdktf synth`, `list`, `diff` and `deploy` run it through a shell in the project root; the bench
 * and the tests that start the app run it the same way, so they measure and test what users run.
 */
export function cdktfAppCommand(root: string = PROJECT_ROOT): string {
  const file = join(root, 'cdktf.json');
  const { app } = JSON.parse(readFileSync(file, 'utf8')) as { app?: unknown };
  if (typeof app !== 'string' || app.trim() === '') throw new Error(`${file}: "app" is not a command`);
  return app;
}
