/**
 * The files `npm run tls:self-signed` writes: for each stack of an environment whose section has a self-signed
 * certificate, its key (0600, in a 0700 directory) and certificate under `<out>/<stack>/`, made by
 * ./self-signed-certificate.ts for the name, validity and key algorithm its config gives.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SelfSignedKeyAlgorithm } from '../../modules/certificate';
import { blueprints } from '../../src/blueprints';
import type { BaseEnvironmentConfig } from '../../src/config/environment';
import { stackName } from '../../src/stacks/blueprint-stack';
import { generateSelfSignedCertificate } from './self-signed-certificate';

/** The GitHub secrets the workflows read the PEMs from (and pass to Terraform as the variables). */
export const CERTIFICATE_SECRETS = {
  privateKey: 'CERTIFICATE_PRIVATE_KEY_PEM',
  certificateBody: 'CERTIFICATE_BODY_PEM',
} as const;

/** What a blueprint section says about a self-signed certificate (`certificate.mode: self-signed`). */
interface SelfSignedSection {
  readonly certificate?: {
    readonly mode: string;
    readonly domainName?: string;
    readonly validityDays?: number;
    readonly keyAlgorithm?: SelfSignedKeyAlgorithm;
  };
}

export interface WrittenCertificate {
  readonly stack: string;
  readonly domainName: string;
  readonly keyAlgorithm: SelfSignedKeyAlgorithm;
  readonly directory: string;
  readonly keyFile: string;
  readonly certificateFile: string;
  /** False when an existing key was kept. */
  readonly created: boolean;
  readonly notAfter?: Date;
}

/**
 * For every stack of `environment` whose section has a self-signed certificate: a key and certificate for its name
 * in `<out>/<stack>/` (the key 0600, the directory 0700), unless a key is there and `force` is not set.
 */
export async function writeSelfSignedCertificates(
  environment: BaseEnvironmentConfig,
  options: { readonly out: string; readonly force?: boolean },
): Promise<WrittenCertificate[]> {
  const written: WrittenCertificate[] = [];
  for (const blueprint of blueprints) {
    const section = (environment as Record<string, unknown>)[blueprint.configKey] as SelfSignedSection | undefined;
    const certificate = section?.certificate;
    if (certificate?.mode !== 'self-signed') continue;
    const stack = stackName(blueprint.name, environment.name);
    const directory = join(options.out, stack);
    const keyFile = join(directory, 'private-key.pem');
    const certificateFile = join(directory, 'certificate.pem');
    const domainName = certificate.domainName as string;
    const keyAlgorithm = certificate.keyAlgorithm ?? 'RSA_2048';
    const facts = { stack, domainName, keyAlgorithm, directory, keyFile, certificateFile };
    if (existsSync(keyFile) && !options.force) {
      written.push({ ...facts, created: false });
      continue;
    }
    const pair = await generateSelfSignedCertificate({
      commonName: domainName,
      validityDays: certificate.validityDays,
      keyAlgorithm,
    });
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    chmodSync(directory, 0o700);
    writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    writeFileSync(certificateFile, pair.certificatePem, { mode: 0o644 });
    written.push({ ...facts, created: true, notAfter: pair.notAfter });
  }
  return written;
}
