/**
 * The certificate module: an existing ACM certificate (`acm`), a DNS-validated one in a new Route 53 zone (`dns`), and
 * an imported self-signed one (`self-signed`) whose PEMs come from two Terraform variables (the key sensitive,
 * both checked to be PEMs) or from props; the production guard; props validation.
 */
import { TerraformStack } from 'cdktf';
import {
  Certificate,
  CERTIFICATE_VARIABLES,
  checkSelfSignedAllowed,
  type CertificateProps,
} from '../../modules/certificate';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIID...\n-----END CERTIFICATE-----\n';

function build(props: CertificateProps): { stack: TerraformStack; certificate: Certificate; t: Template } {
  const stack = testStack();
  const certificate = new Certificate(stack, 'tls', props);
  return { stack, certificate, t: Template.fromStack(stack) };
}

describe("Certificate mode 'acm'", () => {
  const { certificate, t } = build({ mode: 'acm', certificateArn: CERTIFICATE_ARN });

  it('creates nothing and hands the listener the given ARN', () => {
    expect(t.json.resource).toBeUndefined();
    expect(t.json.variable).toBeUndefined();
    expect(certificate.certificateArn).toBe(CERTIFICATE_ARN);
    expect(certificate.zone).toBeUndefined();
  });
});

describe("Certificate mode 'dns'", () => {
  const { certificate, t } = build({ mode: 'dns', zoneName: 'app.example.com', tags: { team: 'web' } });

  it('creates the zone, protected from destroy, and a certificate for it and *.<zone> validated through it', () => {
    expect(t.resource('aws_route53_zone', 'tls/zone/zone')).toMatchObject({
      name: 'app.example.com',
      lifecycle: { prevent_destroy: true },
      tags: { team: 'web', Name: 'app.example.com' },
    });
    expect(t.resource('aws_acm_certificate', 'tls/zone/certificate')).toMatchObject({
      domain_name: 'app.example.com',
      subject_alternative_names: ['*.app.example.com'],
      validation_method: 'DNS',
    });
  });

  it('hands the listener the validated ARN, so the listener waits for ACM to issue it', () => {
    expect(resolved(certificate, certificate.certificateArn)).toBe(
      t.ref('aws_acm_certificate_validation', 'tls/zone/certificate-validation-wait', 'certificate_arn'),
    );
    expect(certificate.zone?.domainName).toBe('app.example.com');
  });

  it('leaves the zone destroyable when asked', () => {
    const unprotected = build({ mode: 'dns', zoneName: 'app.example.com', zoneDeletionProtection: false }).t;
    expect(unprotected.resource('aws_route53_zone', 'tls/zone/zone').lifecycle).toBeUndefined();
  });
});

describe("Certificate mode 'self-signed' from variables", () => {
  const { certificate, t } = build({ mode: 'self-signed', domainName: 'app.dev.example.com' });

  it('imports the PEMs of two variables into ACM, replacing before destroying', () => {
    expect(t.resource('aws_acm_certificate', 'tls/imported')).toEqual({
      private_key: `\${var.${CERTIFICATE_VARIABLES.privateKey}}`,
      certificate_body: `\${var.${CERTIFICATE_VARIABLES.certificateBody}}`,
      tags: { Name: 'app.dev.example.com' },
      lifecycle: { create_before_destroy: true },
    });
    expect(resolved(certificate, certificate.certificateArn)).toBe(t.ref('aws_acm_certificate', 'tls/imported', 'arn'));
  });

  it('declares the key variable sensitive and both variables as PEMs, with a message naming the variable', () => {
    expect(t.json.variable).toEqual({
      certificate_private_key_pem: {
        type: 'string',
        description: 'PEM private key of the self-signed certificate (sensitive)',
        sensitive: true,
        nullable: false,
        validation: [
          {
            condition: '${can(regex("^-----BEGIN (RSA |EC )?PRIVATE KEY-----", var.certificate_private_key_pem))}',
            error_message:
              'The value of certificate_private_key_pem must be a PEM private key (a -----BEGIN line first).',
          },
        ],
      },
      certificate_body_pem: {
        type: 'string',
        description: 'PEM certificate of the self-signed certificate',
        sensitive: false,
        nullable: false,
        validation: [
          {
            condition: '${can(regex("^-----BEGIN CERTIFICATE-----", var.certificate_body_pem))}',
            error_message: 'The value of certificate_body_pem must be a PEM certificate (a -----BEGIN line first).',
          },
        ],
      },
    });
  });
});

describe("Certificate mode 'self-signed' from props", () => {
  const { certificate, t } = build({
    mode: 'self-signed',
    domainName: '*.dev.example.com',
    privateKeyPem: KEY_PEM,
    certificateBodyPem: CERT_PEM,
  });

  it('imports the given PEMs and declares no variable', () => {
    expect(t.resource('aws_acm_certificate', 'tls/imported')).toMatchObject({
      private_key: KEY_PEM,
      certificate_body: CERT_PEM,
    });
    expect(t.json.variable).toBeUndefined();
    expect(certificate.variables).toBeUndefined();
  });
});

describe('checkSelfSignedAllowed', () => {
  it('refuses self-signed where it is not allowed, naming the override; passes the other modes and an override', () => {
    expect(
      checkSelfSignedAllowed('certificate.mode', 'self-signed', false, 'in production', 'allowInProduction'),
    ).toEqual([
      {
        path: 'certificate.mode',
        value: 'self-signed',
        message:
          'must not be "self-signed" in production: clients do not trust it. Use "acm" or "dns", or set allowInProduction: true',
      },
    ]);
    expect(checkSelfSignedAllowed('mode', 'self-signed', true, 'in production', 'x')).toEqual([]);
    expect(checkSelfSignedAllowed('mode', 'dns', false, 'in production', 'x')).toEqual([]);
  });
});

describe('Certificate props validation', () => {
  rejectsEachCase<CertificateProps>({
    subject: /Certificate "invalid\/bad-\d+" props/,
    cases: [
      [
        'an unknown mode',
        { mode: 'imported' } as unknown as CertificateProps,
        { path: 'mode', value: 'imported', message: /must be one of "self-signed", "acm", "dns"/ },
      ],
      [
        'an acm certificate given by name',
        { mode: 'acm', certificateArn: 'my-cert' },
        { path: 'certificateArn', value: 'my-cert', message: /ACM certificate ARN/ },
      ],
      [
        'a zone with a trailing dot',
        { mode: 'dns', zoneName: 'example.com.' },
        { path: 'zoneName', value: 'example.com.', message: /lowercase domain name/ },
      ],
      [
        'a self-signed name with a space',
        { mode: 'self-signed', domainName: 'my app' },
        { path: 'domainName', value: 'my app', message: /lowercase domain name like example.com or \*\.example\.com/ },
      ],
      [
        'a certificate where the key goes (not shown in the error)',
        { mode: 'self-signed', domainName: 'app.example.com', privateKeyPem: CERT_PEM },
        { path: 'privateKeyPem', value: '(a PEM, not shown)', message: /PRIVATE KEY/ },
      ],
    ],
    build: (stack, id, props) => new Certificate(stack, id, props),
  });
});
