/**
 * Self-signed TLS certificates for the `self-signed` certificate mode (modules/certificate): a key pair made with
 * Node's WebCrypto and an X.509 v3 certificate for the given names built with `@peculiar/x509`, both as PEM in the
 * forms ACM imports (the key as PKCS#1 `RSA PRIVATE KEY` or SEC 1 `EC PRIVATE KEY`, unencrypted).
 *
 * `npm run tls:self-signed` writes them into files; the main job and the stack plan tests make a throwaway pair for
 * the sandbox plans. Terraform reads them from the variables named in `CERTIFICATE_VARIABLES`
 * ({@link certificateVariablesEnv}).
 */
import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import {
  CERTIFICATE_VARIABLES,
  checkCertificateValidityDays,
  type SelfSignedKeyAlgorithm,
} from '../../modules/certificate';
import { formatIssue } from '../../modules/core/validation';

export interface SelfSignedCertificateOptions {
  /** The certificate's subject CN and first DNS name. Required. */
  readonly commonName: string;
  /** Further DNS names (subject alternative names) beside commonName. Default: none. */
  readonly alternativeNames?: readonly string[];
  /** Days from now the certificate is valid, 1 to 825. Default: 365. */
  readonly validityDays?: number;
  /** Default: `RSA_2048`. */
  readonly keyAlgorithm?: SelfSignedKeyAlgorithm;
  /** The start of the validity (less 5 minutes for clock skew). Default: now. */
  readonly now?: Date;
}

export interface SelfSignedCertificate {
  /** Unencrypted PEM private key: PKCS#1 for RSA, SEC 1 for EC. Secret. */
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly notAfter: Date;
}

const ALGORITHMS = {
  RSA_2048: {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  },
  EC_prime256v1: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export async function generateSelfSignedCertificate(
  options: SelfSignedCertificateOptions,
): Promise<SelfSignedCertificate> {
  const days = options.validityDays ?? 365;
  const [issue] = checkCertificateValidityDays('validityDays', days);
  if (issue) throw new Error(formatIssue(issue));
  const algorithm = ALGORITHMS[options.keyAlgorithm ?? 'RSA_2048'];
  // @peculiar/x509 types WebCrypto with the DOM's names; Node's implementation is the same API.
  const crypto = webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0];
  x509.cryptoProvider.set(crypto);
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = options.now ?? new Date();
  const notAfter = new Date(now.getTime() + days * DAY_MS);
  const names = [...new Set([options.commonName, ...(options.alternativeNames ?? [])])];
  // A positive 16-byte serial (the top bit clear), unique enough that no two certificates share one.
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      name: `CN=${options.commonName}`,
      notBefore: new Date(now.getTime() - 5 * 60 * 1000),
      notAfter,
      signingAlgorithm: algorithm,
      keys: keys as never,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | (algorithm.name === 'ECDSA' ? 0 : x509.KeyUsageFlags.keyEncipherment),
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension(
          names.map((value) => ({ type: 'dns' as const, value })),
          false,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const traditional = algorithm.name === 'ECDSA' ? 'sec1' : 'pkcs1';
  const privateKeyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ type: traditional, format: 'pem' })
    .toString();
  return { privateKeyPem, certificatePem: `${certificate.toString('pem')}\n`, notAfter };
}

/** The environment that gives Terraform a certificate's PEMs: `TF_VAR_<variable>` for both variables. */
export function certificateVariablesEnv(certificate: SelfSignedCertificate): Record<string, string> {
  return {
    [`TF_VAR_${CERTIFICATE_VARIABLES.privateKey}`]: certificate.privateKeyPem,
    [`TF_VAR_${CERTIFICATE_VARIABLES.certificateBody}`]: certificate.certificatePem,
  };
}

/**
 * A throwaway certificate's variables for plans against the sandbox (nothing is applied to AWS): stacks with a
 * `self-signed` certificate need them to plan, other stacks ignore them.
 */
export async function sandboxCertificateEnv(): Promise<Record<string, string>> {
  return certificateVariablesEnv(
    await generateSelfSignedCertificate({ commonName: 'sandbox.invalid', validityDays: 1 }),
  );
}
