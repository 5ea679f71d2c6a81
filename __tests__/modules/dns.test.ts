/**
 * The DNS module: the hosted zone, the wildcard certificate and its DNS validation wiring (records keyed by domain
 * name, the validation waiting for their FQDNs, the ARN taken from the validation), A/AAAA aliases and CNAMEs, a load
 * balancer listener waiting for validation, and props validation at construction time.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DefaultTokenResolver, StringConcat, Tokenization, type TerraformStack } from 'cdktf';
import { ValidationError } from '../../modules/core/validation';
import { DnsZone, type DnsZoneProps } from '../../modules/dns';
import { LoadBalancer } from '../../modules/load-balancer';
import { Template, testStack } from '../helpers/template';
import { rejectsEachCase, type ExpectedIssue } from '../helpers/validation';

const ALB_TARGET = { dnsName: 'web-1234567890.us-east-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K' };

const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolved(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: TOKEN_RESOLVER });
}

describe('DnsZone with defaults, an apex alias and a www CNAME (seed 001)', () => {
  let stack: TerraformStack;
  let dns: DnsZone;
  let t: Template;
  beforeAll(() => {
    stack = testStack();
    dns = new DnsZone(stack, 'dns', { domainName: 'example.com', cnameRecords: { www: 'example.com' } });
    dns.addAliasRecords('apex', { target: ALB_TARGET });
    t = Template.fromStack(stack);
  });

  it('creates a public zone for the domain that Terraform refuses to destroy', () => {
    expect(t.count('aws_route53_zone')).toBe(1);
    expect(t.resource('aws_route53_zone', 'dns/zone')).toEqual({
      name: 'example.com',
      comment: 'example.com (managed by cdktf)',
      force_destroy: false,
      tags: { Name: 'example.com' },
      lifecycle: { prevent_destroy: true },
    });
    expect(t.resource('aws_route53_zone', 'dns/zone')).not.toHaveProperty('vpc');
  });

  it('requests one certificate for the apex and the wildcard, validated by DNS, replaced before it is destroyed', () => {
    expect(t.count('aws_acm_certificate')).toBe(1);
    expect(t.resource('aws_acm_certificate', 'dns/certificate')).toEqual({
      domain_name: 'example.com',
      subject_alternative_names: ['*.example.com'],
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      tags: { Name: 'example.com' },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('writes one validation record per domain_validation_options entry, keyed by domain name, overwritable', () => {
    const certificate = t.address('aws_acm_certificate', 'dns/certificate');
    expect(t.resource('aws_route53_record', 'dns/certificate-validation')).toEqual({
      for_each: `\${{ for key, val in ${certificate}.domain_validation_options: val.domain_name => val }}`,
      zone_id: t.ref('aws_route53_zone', 'dns/zone', 'zone_id'),
      name: '${each.value.resource_record_name}',
      type: '${each.value.resource_record_type}',
      records: ['${each.value.resource_record_value}'],
      ttl: 60,
      allow_overwrite: true,
    });
  });

  it('waits for validation through those records, and exposes the ARN of the validation', () => {
    expect(t.count('aws_acm_certificate_validation')).toBe(1);
    const records = t.address('aws_route53_record', 'dns/certificate-validation');
    expect(t.resource('aws_acm_certificate_validation', 'dns/certificate-validation-wait')).toEqual({
      certificate_arn: t.ref('aws_acm_certificate', 'dns/certificate', 'arn'),
      validation_record_fqdns: `\${[ for key, val in ${records}: val.fqdn]}`,
    });
    expect(resolved(stack, dns.certificateArn)).toBe(
      t.ref('aws_acm_certificate_validation', 'dns/certificate-validation-wait', 'certificate_arn'),
    );
  });

  it.each(['A', 'AAAA'])('creates an apex %s alias to the target, evaluating target health', (type) => {
    expect(t.resource('aws_route53_record', `dns/alias-apex-${type.toLowerCase()}`)).toEqual({
      zone_id: t.ref('aws_route53_zone', 'dns/zone', 'zone_id'),
      name: 'example.com',
      type,
      alias: { name: ALB_TARGET.dnsName, zone_id: ALB_TARGET.zoneId, evaluate_target_health: true },
    });
  });

  it('creates www.example.com CNAME example.com with a 300 s TTL', () => {
    expect(t.resource('aws_route53_record', 'dns/cname-www')).toEqual({
      zone_id: t.ref('aws_route53_zone', 'dns/zone', 'zone_id'),
      name: 'www.example.com',
      type: 'CNAME',
      ttl: 300,
      records: ['example.com'],
    });
  });

  it('creates exactly four record resources and exposes them by id', () => {
    expect(t.count('aws_route53_record')).toBe(4);
    expect(Object.keys(dns.records).sort()).toEqual([
      'alias-apex-a',
      'alias-apex-aaaa',
      'certificate-validation',
      'cname-www',
    ]);
    expect(dns.records['certificate-validation']).toBe(dns.validationRecords);
  });

  it('exposes the zone id and name servers as references', () => {
    expect(resolved(stack, dns.zoneId)).toBe(t.ref('aws_route53_zone', 'dns/zone', 'zone_id'));
    expect(resolved(stack, dns.nameServers)).toEqual(t.ref('aws_route53_zone', 'dns/zone', 'name_servers'));
    expect(dns.fqdn('')).toBe('example.com');
    expect(dns.fqdn('api')).toBe('api.example.com');
  });
});

describe('DnsZone for a subdomain zone with options, certificate in another provider, used by a load balancer', () => {
  let stack: TerraformStack;
  let t: Template;
  beforeAll(() => {
    stack = testStack();
    const usEast1 = new AwsProvider(stack, 'aws-us-east-1', { region: 'us-east-1', alias: 'us-east-1' });
    const dns = new DnsZone(stack, 'dns', {
      domainName: 'dev.example.com',
      comment: 'dev environment',
      subjectAlternativeNames: ['*.dev.example.com', 'api.v2.dev.example.com'],
      keyAlgorithm: 'EC_prime256v1',
      cnameTtlSeconds: 60,
      deletionProtection: false,
      forceDestroy: true,
      certificateProvider: usEast1,
      tags: { env: 'dev' },
    });
    const lb = new LoadBalancer(stack, 'lb', {
      name: 'web',
      vpcId: 'vpc-12345678',
      subnetIds: ['subnet-1', 'subnet-2'],
      certificateArn: dns.certificateArn,
      accessLogs: { enabled: false },
      targetGroups: { app: { port: 3000, healthCheck: { path: '/' } } },
      defaultTargetGroup: 'app',
    });
    dns.addAliasRecords('api', {
      subdomain: 'api',
      target: { dnsName: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: false },
      ipv6: false,
    });
    dns.addCnameRecord('docs', 'example.github.io');
    t = Template.fromStack(stack);
  });

  it('lets the zone be destroyed, with its comment and tags', () => {
    expect(t.resource('aws_route53_zone', 'dns/zone')).toEqual({
      name: 'dev.example.com',
      comment: 'dev environment',
      force_destroy: true,
      tags: { env: 'dev', Name: 'dev.example.com' },
    });
  });

  it('requests the configured names and key algorithm through the given provider', () => {
    expect(t.resource('aws_acm_certificate', 'dns/certificate')).toEqual({
      provider: 'aws.us-east-1',
      domain_name: 'dev.example.com',
      subject_alternative_names: ['*.dev.example.com', 'api.v2.dev.example.com'],
      validation_method: 'DNS',
      key_algorithm: 'EC_prime256v1',
      tags: { env: 'dev', Name: 'dev.example.com' },
      lifecycle: { create_before_destroy: true },
    });
    expect(t.resource('aws_acm_certificate_validation', 'dns/certificate-validation-wait').provider).toBe(
      'aws.us-east-1',
    );
  });

  it('gives the HTTPS listener the validated ARN, so the listener waits for issuance', () => {
    expect(t.resource('aws_lb_listener', 'lb/https-listener').certificate_arn).toBe(
      t.ref('aws_acm_certificate_validation', 'dns/certificate-validation-wait', 'certificate_arn'),
    );
  });

  it('creates only an A alias for api.dev.example.com to the load balancer, not evaluating target health', () => {
    expect(t.resource('aws_route53_record', 'dns/alias-api-a')).toEqual({
      zone_id: t.ref('aws_route53_zone', 'dns/zone', 'zone_id'),
      name: 'api.dev.example.com',
      type: 'A',
      alias: {
        name: t.ref('aws_lb', 'lb/load-balancer', 'dns_name'),
        zone_id: t.ref('aws_lb', 'lb/load-balancer', 'zone_id'),
        evaluate_target_health: false,
      },
    });
    expect(t.all('aws_route53_record').filter((record) => record.type === 'AAAA')).toEqual([]);
  });

  it('creates the added CNAME with the configured TTL', () => {
    expect(t.resource('aws_route53_record', 'dns/cname-docs')).toMatchObject({
      name: 'docs.dev.example.com',
      type: 'CNAME',
      ttl: 60,
      records: ['example.github.io'],
    });
  });
});

describe('DnsZone record helpers refuse clashing or malformed records', () => {
  let dns: DnsZone;
  beforeAll(() => {
    dns = new DnsZone(testStack(), 'dns', { domainName: 'example.com', cnameRecords: { www: 'example.com' } });
    dns.addAliasRecords('apex', { target: ALB_TARGET });
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'a second alias on the apex',
      () => dns.addAliasRecords('apex-again', { target: ALB_TARGET }),
      /subdomain: already has A\/AAAA alias records in this zone; records of a type are created once per name \(got ""\)/,
    ],
    [
      'an alias on a CNAME name',
      () => dns.addAliasRecords('www', { subdomain: 'www', target: ALB_TARGET }),
      /subdomain: already has a CNAME record in this zone; a CNAME cannot share its name with other records \(got "www"\)/,
    ],
    [
      'a second CNAME on www',
      () => dns.addCnameRecord('www', 'example.org'),
      /cnameRecords\.www: already has a CNAME record in this zone/,
    ],
    ['a CNAME at the apex', () => dns.addCnameRecord('', 'example.org'), /must be a subdomain like www/],
    [
      'an uppercase subdomain',
      () => dns.addAliasRecords('x', { subdomain: 'API', target: ALB_TARGET }),
      /\(got "API"\)/,
    ],
    [
      'an alias without a DNS name',
      () => dns.addAliasRecords('y', { subdomain: 'y', target: { dnsName: '', zoneId: 'Z1' } }),
      /target\.dnsName: is required \(got ""\)/,
    ],
    [
      'a CNAME to something that is not a host name',
      () => dns.addCnameRecord('blog', 'not a host'),
      /cnameRecords\.blog: must be a lowercase domain name like example\.com .*\(got "not a host"\)/,
    ],
  ])('rejects %s', (_label, add, message) => {
    expect(add).toThrow(ValidationError);
    expect(add).toThrow(message);
  });
});

describe('DnsZone props validation', () => {
  const BASE: DnsZoneProps = { domainName: 'example.com' };
  const cases: Array<[string, Partial<DnsZoneProps>, ExpectedIssue[]]> = [
    [
      'an uppercase domain',
      { domainName: 'Example.com' },
      [{ path: 'domainName', value: 'Example.com', message: /^must be a lowercase domain name like example\.com/ }],
    ],
    [
      'a single-label domain',
      { domainName: 'localhost' },
      [{ path: 'domainName', value: 'localhost', message: /^must be a lowercase domain name/ }],
    ],
    [
      'a trailing dot',
      { domainName: 'example.com.' },
      [{ path: 'domainName', value: 'example.com.', message: /no trailing dot\)$/ }],
    ],
    [
      'a label starting with a hyphen',
      { domainName: '-shop.example.com' },
      [{ path: 'domainName', value: '-shop.example.com', message: /^must be a lowercase domain name/ }],
    ],
    [
      'a label longer than 63 characters',
      { domainName: `${'a'.repeat(64)}.com` },
      [{ path: 'domainName', value: `${'a'.repeat(64)}.com`, message: /labels of 1-63 letters/ }],
    ],
    [
      'a numeric top-level label',
      { domainName: '10.0.0.1' },
      [{ path: 'domainName', value: '10.0.0.1', message: /^must be a lowercase domain name/ }],
    ],
    [
      'an alternative name outside the zone',
      { subjectAlternativeNames: ['*.example.com', 'example.org'] },
      [
        {
          path: 'subjectAlternativeNames[1]',
          value: 'example.org',
          message: /^must be example\.com or a name under it: its validation record goes in this zone$/,
        },
      ],
    ],
    [
      'a name that only ends like the domain',
      { subjectAlternativeNames: ['badexample.com'] },
      [{ path: 'subjectAlternativeNames[0]', value: 'badexample.com', message: /^must be example\.com or a name/ }],
    ],
    [
      'a wildcard that is not the first label',
      { subjectAlternativeNames: ['api.*.example.com'] },
      [
        {
          path: 'subjectAlternativeNames[0]',
          value: 'api.*.example.com',
          message: /^must be a lowercase domain name like example\.com or \*\.example\.com/,
        },
      ],
    ],
    [
      'a duplicated alternative name',
      { subjectAlternativeNames: ['*.example.com', '*.example.com'] },
      [{ path: 'subjectAlternativeNames[1]', value: '*.example.com', message: /^is listed more than once$/ }],
    ],
    [
      'a key algorithm ACM does not issue',
      { keyAlgorithm: 'RSA_1024' as never },
      [
        {
          path: 'keyAlgorithm',
          value: 'RSA_1024',
          message: /^must be one of RSA_2048, EC_prime256v1, EC_secp384r1$/,
        },
      ],
    ],
    [
      'a CNAME TTL under a minute',
      { cnameTtlSeconds: 30 },
      [{ path: 'cnameTtlSeconds', value: 30, message: /^must be a whole number of seconds from 60 to 172800$/ }],
    ],
    [
      'an uppercase CNAME name',
      { cnameRecords: { WWW: 'example.com' } },
      [{ path: 'cnameRecords.WWW', value: 'WWW', message: /^must be a subdomain like www, api\.v2 or \*/ }],
    ],
    [
      'a CNAME target that is not a host name',
      { cnameRecords: { www: 'https://example.com' } },
      [{ path: 'cnameRecords.www', value: 'https://example.com', message: /^must be a lowercase domain name/ }],
    ],
  ];

  const bad = rejectsEachCase({
    subject: /^Invalid DnsZone "invalid\/bad-\d+" props:\n {2}- /,
    cases,
    build: (stack, id, props) => new DnsZone(stack, id, { ...BASE, ...props }),
  });

  it('adds no resource to the stack when construction throws', () => {
    const t = Template.fromStack(bad.stack());
    expect(t.json.resource).toBeUndefined();
  });
});
