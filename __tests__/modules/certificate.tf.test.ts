/**
 * The certificate module passes real `terraform validate` and an offline plan in each mode; the self-signed one with a
 * pair made by the project's generator, given through the variables (as `TF_VAR_…`) and through props, and refused
 * with the variable's own message when a variable holds no PEM.
 */
import { Certificate } from '../../modules/certificate';
import {
  certificateVariablesEnv,
  generateSelfSignedCertificate,
  type SelfSignedCertificate,
} from '../../scripts/lib/self-signed-certificate';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

let pair: SelfSignedCertificate;
const saved = { ...process.env };

beforeAll(async () => {
  pair = await generateSelfSignedCertificate({ commonName: 'app.dev.example.com' });
});

afterEach(() => {
  process.env = { ...saved };
});

it('validates and plans the three modes, the self-signed PEMs read from TF_VAR_ variables', async () => {
  Object.assign(process.env, certificateVariablesEnv(pair));
  const result = await checkWithTerraform(
    (stack) => {
      new Certificate(stack, 'existing', {
        mode: 'acm',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab',
      });
      new Certificate(stack, 'validated', { mode: 'dns', zoneName: 'app.example.com' });
      new Certificate(stack, 'self-signed', { mode: 'self-signed', domainName: 'app.dev.example.com' });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // dns: zone, certificate, a validation record per name (the zone and *.<zone>), the validation; self-signed: import.
  expect(result.toAdd).toBe(6);
  expect(result.plan).toMatch(/\+ private_key += \(sensitive value\)/);
});

it('plans a self-signed certificate given as props', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new Certificate(stack, 'self-signed', {
        mode: 'self-signed',
        domainName: 'app.dev.example.com',
        privateKeyPem: pair.privateKeyPem,
        certificateBodyPem: pair.certificatePem,
      });
    },
    { plan: true },
  );
  expect(result.toAdd).toBe(1);
});

it("refuses a variable that holds no PEM with the variable's message", async () => {
  Object.assign(process.env, certificateVariablesEnv(pair), { TF_VAR_certificate_body_pem: 'not a certificate' });
  await expect(
    checkWithTerraform(
      (stack) => void new Certificate(stack, 'self-signed', { mode: 'self-signed', domainName: 'a.example.com' }),
      { plan: true },
    ),
  ).rejects.toThrow(/The value of certificate_body_pem must be a PEM certificate/);
});
