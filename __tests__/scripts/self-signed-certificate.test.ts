/**
 * The self-signed certificate generator: what node:crypto (OpenSSL) reads back from its PEMs — the names, the
 * validity, a leaf (not a CA) for server authentication whose key is the one returned, in the forms ACM imports —
 * and the Terraform variables it fills.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  certificateVariablesEnv,
  generateSelfSignedCertificate,
  type SelfSignedCertificate,
} from '../../scripts/lib/self-signed-certificate';

const NOW = new Date('2026-01-15T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

describe.each([
  ['RSA_2048', 'RSA PRIVATE KEY', 'rsa'],
  ['EC_prime256v1', 'EC PRIVATE KEY', 'ec'],
] as const)('a %s certificate', (keyAlgorithm, keyHeader, keyType) => {
  let pair: SelfSignedCertificate;
  let certificate: X509Certificate;
  beforeAll(async () => {
    pair = await generateSelfSignedCertificate({
      commonName: 'app.dev.example.com',
      alternativeNames: ['www.dev.example.com', 'app.dev.example.com'],
      validityDays: 90,
      keyAlgorithm,
      now: NOW,
    });
    certificate = new X509Certificate(pair.certificatePem);
  });

  it(`is a PEM certificate and an unencrypted ${keyHeader} (what ACM imports)`, () => {
    expect(pair.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(pair.privateKeyPem).toMatch(new RegExp(`^-----BEGIN ${keyHeader}-----\\n`));
    expect(createPrivateKey(pair.privateKeyPem).asymmetricKeyType).toBe(keyType);
  });

  it('names the common name as subject and every name once as a DNS name', () => {
    expect(certificate.subject).toBe('CN=app.dev.example.com');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.subjectAltName).toBe('DNS:app.dev.example.com, DNS:www.dev.example.com');
    expect(certificate.checkHost('www.dev.example.com')).toBe('www.dev.example.com');
    expect(certificate.checkHost('api.dev.example.com')).toBeUndefined();
  });

  it('is valid from 5 minutes before now for 90 days', () => {
    expect(new Date(certificate.validFrom).getTime()).toBe(NOW.getTime() - 5 * 60 * 1000);
    expect(new Date(certificate.validTo).getTime()).toBe(NOW.getTime() + 90 * DAY_MS);
    expect(pair.notAfter).toEqual(new Date(NOW.getTime() + 90 * DAY_MS));
  });

  it('is a self-signed leaf for TLS servers, signed by the returned key', () => {
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
  });
});

it('makes a new key and serial number each time', async () => {
  const [first, second] = await Promise.all([
    generateSelfSignedCertificate({ commonName: 'a.example.com', keyAlgorithm: 'EC_prime256v1' }),
    generateSelfSignedCertificate({ commonName: 'a.example.com', keyAlgorithm: 'EC_prime256v1' }),
  ]);
  expect(first!.privateKeyPem).not.toBe(second!.privateKeyPem);
  expect(new X509Certificate(first!.certificatePem).serialNumber).not.toBe(
    new X509Certificate(second!.certificatePem).serialNumber,
  );
});

it('is valid 365 days by default, and refuses 826', async () => {
  const pair = await generateSelfSignedCertificate({
    commonName: 'a.example.com',
    keyAlgorithm: 'EC_prime256v1',
    now: NOW,
  });
  expect(pair.notAfter).toEqual(new Date(NOW.getTime() + 365 * DAY_MS));
  await expect(generateSelfSignedCertificate({ commonName: 'a.example.com', validityDays: 826 })).rejects.toThrow(
    'validityDays: must be a whole number of days from 1 to 825 (got 826)',
  );
});

it('fills the certificate variables as TF_VAR_ environment', () => {
  expect(certificateVariablesEnv({ privateKeyPem: 'KEY', certificatePem: 'CERT', notAfter: NOW })).toEqual({
    TF_VAR_certificate_private_key_pem: 'KEY',
    TF_VAR_certificate_body_pem: 'CERT',
  });
});
