/**
 * Certificate mode 'dns-existing-zone': an ACM certificate validated through records written into a zone the stack
 * does not own (overwritable, since each region's certificate asks for the same record), the listener's ARN taken
 * from the validation; props validation.
 */
import { Certificate, type CertificateProps } from '../../modules/certificate';
import { guardrailFindings } from '../helpers/guardrails';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
type ExistingZoneProps = Extract<CertificateProps, { mode: 'dns-existing-zone' }>;
const BASE: ExistingZoneProps = { mode: 'dns-existing-zone', zoneId: ZONE_ID, domainName: 'app.example.com' };

describe("Certificate mode 'dns-existing-zone' with the defaults", () => {
  const stack = testStack();
  const certificate = new Certificate(stack, 'tls', { ...BASE, tags: { team: 'web' } });
  const t = Template.fromStack(stack);

  it('requests an RSA 2048 certificate for the name alone, validated by DNS, replaced before it is destroyed', () => {
    expect(t.resource('aws_acm_certificate', 'tls/certificate')).toEqual({
      domain_name: 'app.example.com',
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      tags: { team: 'web', Name: 'app.example.com' },
      lifecycle: { create_before_destroy: true },
    });
    expect(certificate.requestedCertificate).toBeDefined();
    expect(certificate.zone).toBeUndefined();
  });

  it('writes its validation records into the existing zone, overwriting the identical record of another region', () => {
    expect(t.count('aws_route53_zone')).toBe(0);
    expect(t.resource('aws_route53_record', 'tls/certificate-validation')).toMatchObject({
      zone_id: ZONE_ID,
      type: '${each.value.resource_record_type}',
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it('hands the listener the validation ARN, so the listener waits for ACM to issue the certificate', () => {
    expect(t.resource('aws_acm_certificate_validation', 'tls/certificate-validation-wait')).toMatchObject({
      certificate_arn: t.ref('aws_acm_certificate', 'tls/certificate', 'arn'),
    });
    expect(resolved(certificate, certificate.certificateArn)).toBe(
      t.ref('aws_acm_certificate_validation', 'tls/certificate-validation-wait', 'certificate_arn'),
    );
  });

  it('passes the guardrails pack', () => {
    expect(guardrailFindings(stack)).toEqual([]);
  });
});

it("requests the further names and the key algorithm it is given in 'dns-existing-zone' mode", () => {
  const stack = testStack();
  new Certificate(stack, 'tls', {
    ...BASE,
    subjectAlternativeNames: ['*.app.example.com', 'api.example.com'],
    keyAlgorithm: 'EC_prime256v1',
  });
  expect(Template.fromStack(stack).resource('aws_acm_certificate', 'tls/certificate')).toMatchObject({
    subject_alternative_names: ['*.app.example.com', 'api.example.com'],
    key_algorithm: 'EC_prime256v1',
  });
});

describe("Certificate mode 'dns-existing-zone' props validation", () => {
  rejectsEachCase<Partial<ExistingZoneProps>>({
    subject: /Certificate "invalid\/bad-\d+" props/,
    cases: [
      ['a lowercase zone id', { zoneId: 'z0123' }, { path: 'zoneId', value: 'z0123', message: /hosted zone id/ }],
      [
        'a domain with an uppercase letter',
        { domainName: 'App.example.com' },
        { path: 'domainName', value: 'App.example.com', message: /lowercase domain name/ },
      ],
      [
        'an alternative name with a wildcard inside',
        { subjectAlternativeNames: ['api.*.example.com'] },
        { path: 'subjectAlternativeNames[0]', value: 'api.*.example.com', message: /lowercase domain name/ },
      ],
      [
        'an alternative name listed twice',
        { subjectAlternativeNames: ['api.example.com', 'api.example.com'] },
        { path: 'subjectAlternativeNames[1]', value: 'api.example.com', message: /more than once/ },
      ],
      [
        'an unknown key algorithm',
        { keyAlgorithm: 'RSA_1024' as never },
        { path: 'keyAlgorithm', value: 'RSA_1024', message: /RSA_2048, EC_prime256v1, EC_secp384r1/ },
      ],
    ],
    build: (stack, id, patch) => new Certificate(stack, id, { ...BASE, ...patch }),
  });
});
