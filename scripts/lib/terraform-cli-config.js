// @ts-check
/**
 * Which Terraform CLI config file Terraform should use (plain JavaScript: `scripts/terraform-env.js` runs it before
 * any TypeScript can load). `scripts/lib/terraform.ts` re-exports it.
 */
'use strict';

const { createHash } = require('node:crypto');
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

/** The committed CLI config: filesystem mirror for hashicorp/aws, direct for the rest, no checkpoint calls. */
const PROJECT_CLI_CONFIG = path.join(__dirname, '..', '..', 'terraform.rc');

/** @type {Map<string, string>} */
const generatedConfigs = new Map();

/**
 * The CLI config file Terraform should use:
 * `TF_CLI_CONFIG_FILE` if the caller set it to a file that exists; else, if `TF_PLUGIN_MIRROR` is set, a config
 * generated (in the OS temp dir, once per process and mirror path) from `<root>/terraform.rc` with that mirror path
 * (absolute); else `<root>/terraform.rc`.
 *
 * A `TF_CLI_CONFIG_FILE` naming a missing file is ignored: Terraform would only warn and fall back to no config at
 * all, so the aws provider could not be installed from the mirror. (This machine's environment exports
 * `TF_CLI_CONFIG_FILE=/root/.terraformrc`, a file that does not exist.)
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
function terraformCliConfigFile(env = process.env) {
  if (env.TF_CLI_CONFIG_FILE && existsSync(env.TF_CLI_CONFIG_FILE)) return env.TF_CLI_CONFIG_FILE;
  const mirror = env.TF_PLUGIN_MIRROR;
  if (!mirror) return PROJECT_CLI_CONFIG;
  const cached = generatedConfigs.get(mirror);
  if (cached) return cached;

  const template = readFileSync(PROJECT_CLI_CONFIG, 'utf8');
  const pattern = /(filesystem_mirror\s*\{[^}]*?\bpath\s*=\s*)"[^"]*"/;
  if (!pattern.test(template)) {
    throw new Error(`${PROJECT_CLI_CONFIG} has no filesystem_mirror { path = "..." } to point at TF_PLUGIN_MIRROR`);
  }
  const text = template.replace(
    pattern,
    (_match, /** @type {string} */ head) => `${head}${JSON.stringify(path.resolve(mirror))}`,
  );
  // Named by content: concurrent processes with the same mirror share one file, and nothing piles up in the temp dir
  // (an exit hook to delete it proved unreliable: under jest the file stayed behind).
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = path.join(tmpdir(), `aws-blueprints-terraform-${digest}.rc`);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file); // atomic: a reader never sees a half-written file
  generatedConfigs.set(mirror, file);
  return file;
}

/**
 * Whether the provider mirror the project's CLI config would use holds hashicorp/aws: `TF_PLUGIN_MIRROR`, else the
 * `filesystem_mirror` path of terraform.rc (`/opt/tf-plugins`).
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {boolean}
 */
function hasProviderMirror(env = process.env) {
  const mirror =
    env.TF_PLUGIN_MIRROR ||
    /filesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]*)"/.exec(readFileSync(PROJECT_CLI_CONFIG, 'utf8'))?.[1];
  return Boolean(mirror) && existsSync(path.join(String(mirror), 'registry.terraform.io', 'hashicorp', 'aws'));
}

module.exports = { PROJECT_CLI_CONFIG, hasProviderMirror, terraformCliConfigFile };
