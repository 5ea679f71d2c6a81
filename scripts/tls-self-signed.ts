/**
 * `npm run tls:self-signed -- --env <name> [--out DIR] [--force]`: makes the key and certificate of every stack of the
 * environment whose `certificate.mode` is `self-signed` (the name, validity and key algorithm from its section), and
 * writes them to `<DIR>/<stack>/private-key.pem` (mode 0600, in a 0700 directory) and `certificate.pem`. DIR defaults
 * to `.tls` (git-ignored). An existing key is kept unless `--force` (rotation: the stack then re-imports the
 * certificate in place). See `writeSelfSignedCertificates`.
 *
 * Terraform reads the PEMs from the variables `certificate_private_key_pem` and `certificate_body_pem`: the command
 * prints the lines that set them for a shell and as the GitHub secrets the workflows pass on.
 */
import { relative, resolve } from 'node:path';
import { CERTIFICATE_VARIABLES } from '../modules/certificate';
import { ValidationError } from '../modules/core/validation';
import { loadConfig } from '../src/config/load';
import { readCommandLine, usageError } from './lib/cli';
import { TLS_SELF_SIGNED } from './lib/commands';
import { CERTIFICATE_SECRETS, writeSelfSignedCertificates } from './lib/self-signed-files';
import { PROJECT_ROOT } from './lib/terraform';

async function main(): Promise<number> {
  const { values } = readCommandLine(TLS_SELF_SIGNED);
  const config = loadConfig();
  const environment = config.environments.find((candidate) => candidate.name === values.env);
  if (!environment) {
    const known = config.environments.map((candidate) => candidate.name).join(', ');
    const which = values.env ? `no environment "${values.env}"` : 'which environment? --env is required';
    return usageError(TLS_SELF_SIGNED, `${which} (configured: ${known})`);
  }
  const out = resolve(PROJECT_ROOT, values.out);
  const written = await writeSelfSignedCertificates(environment, { out, force: values.force });
  if (written.length === 0) {
    console.error(`environment "${environment.name}" has no stack with certificate.mode "self-signed"`);
    return 1;
  }
  for (const result of written) {
    if (!result.created) {
      console.log(`${result.stack}: keeping ${shown(result.keyFile)} (--force makes a new key and certificate)`);
      continue;
    }
    console.log(
      `${result.stack}: ${result.keyAlgorithm} key and certificate for ${result.domainName}, valid until ` +
        `${result.notAfter?.toISOString()}, in ${shown(result.directory)}`,
    );
    console.log(
      [
        '  Terraform, in this shell:',
        `    export TF_VAR_${CERTIFICATE_VARIABLES.privateKey}="$(cat ${shown(result.keyFile)})"`,
        `    export TF_VAR_${CERTIFICATE_VARIABLES.certificateBody}="$(cat ${shown(result.certificateFile)})"`,
        `  GitHub: the infrastructure plan (environment ${environment.name}-plan) and the deploy workflow's caller:`,
        `    gh secret set ${CERTIFICATE_SECRETS.privateKey} --env ${environment.name}-plan < ${shown(result.keyFile)}`,
        `    gh secret set ${CERTIFICATE_SECRETS.certificateBody} --env ${environment.name}-plan < ${shown(result.certificateFile)}`,
        `    gh secret set ${CERTIFICATE_SECRETS.privateKey} < ${shown(result.keyFile)}`,
        `    gh secret set ${CERTIFICATE_SECRETS.certificateBody} < ${shown(result.certificateFile)}`,
      ].join('\n'),
    );
  }
  return 0;
}

function shown(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') ? path : relativePath;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ValidationError ? error.message : error);
    process.exitCode = 1;
  },
);
