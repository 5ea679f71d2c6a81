// Types of terraform-cli-config.js (plain JavaScript: scripts/terraform-env.js runs it before TypeScript can load).

/** `<root>/terraform.rc`, the committed CLI config. */
export const PROJECT_CLI_CONFIG: string;
/** `TF_CLI_CONFIG_FILE` if it names a file that exists; else a config for `TF_PLUGIN_MIRROR`; else terraform.rc. */
export function terraformCliConfigFile(env?: NodeJS.ProcessEnv): string;
/** Whether `TF_PLUGIN_MIRROR` (else terraform.rc's filesystem_mirror path) holds hashicorp/aws. */
export function hasProviderMirror(env?: NodeJS.ProcessEnv): boolean;
