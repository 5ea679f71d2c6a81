// @ts-check
/**
 * Preloaded into every Node.js process that npm starts in this project (`.npmrc`: `node-options`), including `npx
 * cdktf ...` and the npm scripts: Terraform gets the project's CLI config and makes no checkpoint calls, even when
 * cdktf's own CLI runs Terraform (`terraform version`, init, plan, apply), which no script of ours wraps.
 *
 * - `TF_CLI_CONFIG_FILE`: kept when it names a file that exists; else, where the provider mirror exists
 *   (`/opt/tf-plugins` or `TF_PLUGIN_MIRROR`), the project's `terraform.rc` (or one generated for `TF_PLUGIN_MIRROR`;
 *   see scripts/lib/terraform-cli-config.js); else unset, so Terraform takes the registry as usual. This machine
 *   exports `TF_CLI_CONFIG_FILE=/root/.terraformrc`, a file that does not exist: Terraform would warn on every call
 *   (cdktf shows it as a red [ERROR] block) and could not install the aws provider from the mirror.
 * - `CHECKPOINT_DISABLE=1` unless set: cdktf's and Terraform's version check calls a HashiCorp server this machine
 *   cannot reach.
 * - `NODE_OPTIONS`: `.npmrc` names this file by the package's own name (resolved from the current directory, which
 *   npm puts in the project); child processes may start elsewhere (a temp dir), so it is rewritten to this file's
 *   absolute path, and repeated options (nested npm runs add them again) are dropped.
 */
'use strict';

const { existsSync } = require('node:fs');
const { hasProviderMirror, terraformCliConfigFile } = require('./lib/terraform-cli-config');

/** How `.npmrc` names this file (package.json `exports`). */
const SELF = 'aws-blueprints-cdktf/terraform-env';

const configured = process.env.TF_CLI_CONFIG_FILE;
if (!configured || !existsSync(configured)) {
  if (hasProviderMirror(process.env)) process.env.TF_CLI_CONFIG_FILE = terraformCliConfigFile(process.env);
  // No mirror (a machine that reaches the registry): Terraform's defaults, without the warning about a missing file.
  else delete process.env.TF_CLI_CONFIG_FILE;
}
process.env.CHECKPOINT_DISABLE ??= '1';

const options = process.env.NODE_OPTIONS;
if (options) {
  const seen = new Set();
  process.env.NODE_OPTIONS = options
    .split(/\s+/)
    .filter((option) => option !== '')
    .map((option) => (option === `--require=${SELF}` ? `--require=${__filename}` : option))
    .filter((option) => !seen.has(option) && seen.add(option))
    .join(' ');
}
