/**
 * A public Route 53 hosted zone for a domain, an ACM certificate for the domain and its alternative names (by default
 * the wildcard `*.<domain>`) validated through DNS records in that zone, and helpers for the records that point the
 * domain at a load balancer or CDN: A/AAAA aliases and CNAMEs.
 *
 * Order of use in a blueprint: create the zone (its `certificateArn` waits for validation), give the ARN to the load
 * balancer, then `addAliasRecords('apex', { target: lb })`. A subdomain zone (`dev.example.com`) must be delegated from
 * its parent by NS records holding `nameServers`; that happens outside this stack.
 *
 * Pieces for a zone that already exists (another stack or team owns it; only its id is known):
 *
 * | construct / function                  | creates                                                                |
 * | ------------------------------------- | ---------------------------------------------------------------------- |
 * | {@link FailoverAliasRecord}           | a Route 53 health check of the target, and PRIMARY or SECONDARY        |
 * |                                       | failover alias records (A, optionally AAAA) answered while it is healthy |
 * | {@link requestDnsValidatedCertificate} | an ACM certificate, its DNS validation records in the zone, and the   |
 * |                                       | validation to wait for (DnsZone builds its certificate with it too)    |
 *
 * Failover: a name gets one PRIMARY and one SECONDARY record set (two constructs, usually in two regions' stacks, the
 * same `recordName`, distinct `setIdentifier`s). Route 53 answers with the primary while its health check passes and
 * its target reports healthy (`evaluate_target_health`), else with the secondary. The health check requests `path`
 * from Route 53's checkers on the internet, so the target must be public; HTTPS checks send SNI (`enable_sni`) and do
 * not validate the certificate.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import {
  FOR_EXPRESSION_VALUE,
  forExpression,
  propertyAccess,
  TerraformIterator,
  Token,
  type TerraformProvider,
} from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, checkOneOf, checkText, isLiteral, isToken } from '../core/checks';
import { assertNoIssues, joinPath, type ValidationIssue } from '../core/validation';

/** Key algorithms ACM issues public certificates with. */
export const CERTIFICATE_KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const;
export type CertificateKeyAlgorithm = (typeof CERTIFICATE_KEY_ALGORITHMS)[number];

export interface DnsZoneProps {
  /** The zone's domain, lowercase, e.g. `example.com` or `dev.example.com` (no trailing dot). Required. */
  readonly domainName: string;
  /** The zone's comment. Default: `<domainName> (managed by cdktf)`. */
  readonly comment?: string;
  /**
   * Further names on the certificate, each the domain itself or a name under it (`*.` only as the first label).
   * Default: `['*.<domainName>']`, so one certificate covers the apex and every direct subdomain.
   */
  readonly subjectAlternativeNames?: readonly string[];
  /** Key algorithm of the certificate. Default: `RSA_2048` (every client supports it). */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /** CNAME records by subdomain (`www`) → target host name (`example.com`). Default: none. */
  readonly cnameRecords?: Readonly<Record<string, string>>;
  /** TTL of the CNAME records, seconds, 60-172800. Default: 300. */
  readonly cnameTtlSeconds?: number;
  /**
   * Terraform refuses to destroy or replace the zone (`prevent_destroy`): a new zone gets new name servers and breaks
   * the delegation. Default: true.
   */
  readonly deletionProtection?: boolean;
  /** Let `terraform destroy` delete the zone together with records Terraform does not manage. Default: false. */
  readonly forceDestroy?: boolean;
  /**
   * Provider of the certificate and its validation, e.g. an alias in us-east-1 for CloudFront. Default: the stack's
   * default aws provider (the certificate lives in the load balancer's region).
   */
  readonly certificateProvider?: TerraformProvider;
  /** Tags on the zone and the certificate, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What an alias record points at: a load balancer, a CloudFront distribution, an API Gateway domain... */
export interface DnsAliasTarget {
  /** The target's DNS name, e.g. `lb.dnsName`. Required. */
  readonly dnsName: string;
  /** The target's canonical hosted zone id, e.g. `lb.zoneId`. Required. */
  readonly zoneId: string;
  /** Answer only while the target has healthy endpoints. Default: true. */
  readonly evaluateTargetHealth?: boolean;
}

export interface DnsAliasRecordsProps {
  /** Subdomain of the records (`api`, `*`), or `''` for the zone apex. Default: `''` (the apex). */
  readonly subdomain?: string;
  /** Where the records point. Required. */
  readonly target: DnsAliasTarget;
  /**
   * Create an AAAA alias beside the A alias. It answers with addresses only when the target has IPv6 (a dualstack
   * load balancer, CloudFront with IPv6 on); for an IPv4-only target it returns no addresses. Default: true.
   */
  readonly ipv6?: boolean;
}

export interface DnsAliasRecords {
  readonly a: Route53Record;
  /** Present unless `ipv6: false`. */
  readonly aaaa?: Route53Record;
}

export class DnsZone extends Construct {
  readonly zone: Route53Zone;
  readonly zoneId: string;
  readonly domainName: string;
  /** The zone's four name servers, for the NS delegation in the parent zone or at the registrar. */
  readonly nameServers: string[];
  readonly certificate: AcmCertificate;
  /** The DNS validation records, one per distinct validation name (`for_each` over the certificate's options). */
  readonly validationRecords: Route53Record;
  readonly certificateValidation: AcmCertificateValidation;
  /** The certificate's ARN once validated: a listener using it waits until ACM has issued the certificate. */
  readonly certificateArn: string;
  /** Every record the construct created, by construct id: `certificate-validation`, `cname-www`, `alias-apex-a`... */
  readonly records: Readonly<Record<string, Route53Record>>;

  private readonly recordsById: Record<string, Route53Record> = {};
  /** Names that hold records, with what they hold: a CNAME may not share its name with anything else. */
  private readonly namesInUse = new Map<string, 'CNAME' | 'alias'>();
  private readonly cnameTtlSeconds: number;

  constructor(scope: Construct, id: string, props: DnsZoneProps) {
    super(scope, id);
    assertNoIssues(`DnsZone "${this.node.path}" props`, validateDnsZoneProps(props));
    const domain = props.domainName;
    this.domainName = domain;
    this.records = this.recordsById;
    this.cnameTtlSeconds = props.cnameTtlSeconds ?? 300;

    this.zone = new Route53Zone(this, 'zone', {
      name: domain,
      comment: props.comment ?? `${domain} (managed by cdktf)`,
      forceDestroy: props.forceDestroy ?? false,
      tags: { ...props.tags, Name: domain },
      lifecycle: props.deletionProtection === false ? undefined : { preventDestroy: true },
    });
    this.zoneId = this.zone.zoneId;
    this.nameServers = this.zone.nameServers;

    const certificate = requestDnsValidatedCertificate(this, {
      zoneId: this.zone.zoneId,
      domainName: domain,
      subjectAlternativeNames: props.subjectAlternativeNames ?? [`*.${domain}`],
      keyAlgorithm: props.keyAlgorithm,
      provider: props.certificateProvider,
      tags: props.tags,
    });
    this.certificate = certificate.certificate;
    this.validationRecords = certificate.validationRecords;
    this.recordsById['certificate-validation'] = this.validationRecords;
    this.certificateValidation = certificate.certificateValidation;
    this.certificateArn = certificate.certificateArn;

    for (const [subdomain, target] of Object.entries(props.cnameRecords ?? {})) this.addCnameRecord(subdomain, target);
  }

  /** The fully qualified name of a subdomain of the zone (`''` is the apex). */
  fqdn(subdomain: string): string {
    return subdomain ? `${subdomain}.${this.domainName}` : this.domainName;
  }

  /** A alias (and AAAA alias unless `ipv6: false`) records `alias-<id>-a` / `alias-<id>-aaaa` for a name of the zone. */
  addAliasRecords(id: string, props: DnsAliasRecordsProps): DnsAliasRecords {
    const subdomain = props.subdomain ?? '';
    const issues = [
      ...checkSubdomain('subdomain', subdomain, true),
      ...this.checkNameFree('subdomain', subdomain, 'alias'),
      ...checkAliasTarget('target', props.target),
    ];
    assertNoIssues(`DnsZone "${this.node.path}" alias records "${id}"`, issues);
    this.namesInUse.set(this.fqdn(subdomain), 'alias');

    const alias = aliasTo(props.target);
    const record = (type: 'A' | 'AAAA') => {
      const recordId = `alias-${id}-${type.toLowerCase()}`;
      const created = new Route53Record(this, recordId, {
        zoneId: this.zone.zoneId,
        name: this.fqdn(subdomain),
        type,
        alias,
      });
      this.recordsById[recordId] = created;
      return created;
    };
    const a = record('A');
    return props.ipv6 === false ? { a } : { a, aaaa: record('AAAA') };
  }

  /** A CNAME record `cname-<subdomain>` from `<subdomain>.<domain>` to `target`. */
  addCnameRecord(subdomain: string, target: string): Route53Record {
    const path = joinPath('cnameRecords', subdomain);
    const issues = [
      ...checkSubdomain(path, subdomain, false),
      ...this.checkNameFree(path, subdomain, 'CNAME'),
      ...checkDomainName(path, target),
    ];
    assertNoIssues(`DnsZone "${this.node.path}" CNAME record`, issues);
    this.namesInUse.set(this.fqdn(subdomain), 'CNAME');

    const recordId = `cname-${subdomain.replace(/\*/g, 'wildcard')}`;
    const created = new Route53Record(this, recordId, {
      zoneId: this.zone.zoneId,
      name: this.fqdn(subdomain),
      type: 'CNAME',
      ttl: this.cnameTtlSeconds,
      records: [target],
    });
    this.recordsById[recordId] = created;
    return created;
  }

  private checkNameFree(path: string, subdomain: string, kind: 'CNAME' | 'alias'): ValidationIssue[] {
    const existing = this.namesInUse.get(this.fqdn(subdomain));
    if (existing === undefined) return [];
    const held = existing === 'CNAME' ? 'a CNAME record' : 'A/AAAA alias records';
    const why =
      kind === 'CNAME' || existing === 'CNAME'
        ? 'a CNAME cannot share its name with other records'
        : 'records of a type are created once per name';
    return [{ path, value: subdomain, message: `already has ${held} in this zone; ${why}` }];
  }
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Checks a lowercase DNS name of at least two labels (`example.com`), optionally with a leading `*.` label. */
export function checkDomainName(path: string, name: string, options: { wildcard?: boolean } = {}): ValidationIssue[] {
  if (Token.isUnresolved(name)) return [];
  const labels = typeof name === 'string' ? name.split('.') : [];
  if (options.wildcard && labels[0] === '*') labels.shift();
  const tld = labels[labels.length - 1] ?? '';
  const valid =
    typeof name === 'string' &&
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(tld);
  if (valid) return [];
  const message = `must be a lowercase domain name like example.com${options.wildcard ? ' or *.example.com' : ''} (labels of 1-63 letters, digits and hyphens, no trailing dot)`;
  return [{ path, value: name, message }];
}

/** A relative name inside the zone: `www`, `api.v2`, `*` (leading only, when allowed), or `''` for the apex. */
function checkSubdomain(path: string, subdomain: string, allowApex: boolean): ValidationIssue[] {
  if (subdomain === '' && allowApex) return [];
  const labels = typeof subdomain === 'string' ? subdomain.split('.') : [];
  if (labels[0] === '*') labels.shift();
  if (typeof subdomain === 'string' && subdomain !== '' && labels.every((label) => LABEL.test(label))) return [];
  const message = `must be a subdomain like www, api.v2 or *${allowApex ? ", or '' for the apex" : ''} (lowercase labels, no domain)`;
  return [{ path, value: subdomain, message }];
}

/** Every rule the constructor enforces, as a pure function so callers (and config validation) can ask first. */
export function validateDnsZoneProps(props: DnsZoneProps): ValidationIssue[] {
  const issues = checkDomainName('domainName', props.domainName);
  const domain = props.domainName;
  const sans = props.subjectAlternativeNames ?? [];
  const domainValid = issues.length === 0;
  issues.push(
    ...checkSubjectAlternativeNames('subjectAlternativeNames', sans, domainValid ? domain : undefined),
    ...checkKeyAlgorithm('keyAlgorithm', props.keyAlgorithm),
  );
  const ttl = props.cnameTtlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 60 && ttl <= 172800)) {
    issues.push({
      path: 'cnameTtlSeconds',
      value: ttl,
      message: 'must be a whole number of seconds from 60 to 172800',
    });
  }
  for (const [subdomain, target] of Object.entries(props.cnameRecords ?? {})) {
    const path = joinPath('cnameRecords', subdomain);
    issues.push(...checkSubdomain(path, subdomain, false), ...checkDomainName(path, target));
  }
  return issues;
}

/** A certificate's names besides its domain: at most 99, each a name (`*.` allowed first), under `within` when given. */
export function checkSubjectAlternativeNames(
  path: string,
  sans: readonly string[],
  within?: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (sans.length > 99) {
    const message = 'must list at most 99 names (ACM allows 100 names per certificate, the domain included)';
    issues.push({ path, value: sans.length, message });
  }
  sans.forEach((san, index) => {
    const at = joinPath(path, index);
    const syntax = checkDomainName(at, san, { wildcard: true });
    issues.push(...syntax);
    if (syntax.length > 0) return;
    if (within !== undefined && san !== within && !san.endsWith(`.${within}`)) {
      const message = `must be ${within} or a name under it: its validation record goes in this zone`;
      issues.push({ path: at, value: san, message });
    } else if (sans.indexOf(san) !== index) {
      issues.push({ path: at, value: san, message: 'is listed more than once' });
    }
  });
  return issues;
}

/** One of {@link CERTIFICATE_KEY_ALGORITHMS}; undefined passes (the default applies). */
export function checkKeyAlgorithm(path: string, algorithm: string | undefined): ValidationIssue[] {
  if (algorithm === undefined || (CERTIFICATE_KEY_ALGORITHMS as readonly string[]).includes(algorithm)) return [];
  return [{ path, value: algorithm, message: `must be one of ${CERTIFICATE_KEY_ALGORITHMS.join(', ')}` }];
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** A Route 53 hosted zone id like `Z0123456789ABCDEFGHIJ` (no `/hostedzone/` prefix). A token passes. */
export function checkHostedZoneId(path: string, zoneId: string): ValidationIssue[] {
  if (isToken(zoneId) || (isLiteral(zoneId) && HOSTED_ZONE_ID.test(zoneId))) return [];
  return [{ path, value: zoneId, message: 'must be a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ' }];
}

/** An alias target needs its DNS name and canonical zone id. */
export function checkAliasTarget(path: string, target: DnsAliasTarget | undefined): ValidationIssue[] {
  return (['dnsName', 'zoneId'] as const).flatMap((field) =>
    target?.[field] ? [] : [{ path: joinPath(path, field), value: target?.[field], message: 'is required' }],
  );
}

/** The `alias` block of a record pointing at `target` (target health evaluated unless it says otherwise). */
export function aliasTo(target: DnsAliasTarget): { name: string; zoneId: string; evaluateTargetHealth: boolean } {
  return { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: target.evaluateTargetHealth ?? true };
}

export interface DnsValidatedCertificateProps {
  /** The hosted zone the validation records go in. Required. */
  readonly zoneId: string;
  /** The certificate's domain. Required. */
  readonly domainName: string;
  /** Further names; each needs its validation record in the same zone. Required (may be empty). */
  readonly subjectAlternativeNames: readonly string[];
  /** Default: `RSA_2048` (every client supports it). */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /** Provider of the certificate and its validation (e.g. us-east-1 for CloudFront). Default: the stack's. */
  readonly provider?: TerraformProvider;
  /** Tags beside `Name` (= domainName). Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface DnsValidatedCertificate {
  readonly certificate: AcmCertificate;
  /** One record per distinct validation name (`for_each` over the certificate's options), overwritable. */
  readonly validationRecords: Route53Record;
  readonly certificateValidation: AcmCertificateValidation;
  /** The ARN once validated: whatever uses it waits until ACM has issued the certificate. */
  readonly certificateArn: string;
}

/**
 * In `scope`: an ACM certificate (`certificate`), its DNS validation records in `zoneId` (`certificate-validation`)
 * and the validation that waits for them (`certificate-validation-wait`). The records overwrite an existing record of
 * the same name: ACM asks for the same CNAME for a name in every region and account, so certificates for one name in
 * two regions' stacks share it.
 */
export function requestDnsValidatedCertificate(
  scope: Construct,
  props: DnsValidatedCertificateProps,
): DnsValidatedCertificate {
  const certificate = new AcmCertificate(scope, 'certificate', {
    provider: props.provider,
    domainName: props.domainName,
    subjectAlternativeNames: props.subjectAlternativeNames.length > 0 ? [...props.subjectAlternativeNames] : undefined,
    validationMethod: 'DNS',
    keyAlgorithm: props.keyAlgorithm ?? 'RSA_2048',
    tags: { ...props.tags, Name: props.domainName },
    // A listener cannot be left without a certificate: the replacement is issued before the old one is deleted.
    lifecycle: { createBeforeDestroy: true },
  });

  // One record per validation option, keyed by domain name. `example.com` and `*.example.com` ask for the same
  // record, so the second write overwrites the first with identical content instead of failing.
  // This is TerraformIterator.fromComplexList(options, 'domain_name') without its tolist(): a set whose records are
  // unknown until apply converts to an unknown list, and Terraform then cannot plan the for_each keys. Iterating the
  // set itself keeps the keys (the domain names, known at plan) known.
  const validationOptions = TerraformIterator.fromMap(
    Token.asAnyMap(
      forExpression(
        propertyAccess(certificate, ['domain_validation_options']),
        FOR_EXPRESSION_VALUE,
        propertyAccess(FOR_EXPRESSION_VALUE, ['domain_name']),
      ),
    ),
  );
  const validationRecords = new Route53Record(scope, 'certificate-validation', {
    forEach: validationOptions,
    zoneId: props.zoneId,
    name: validationOptions.getString('resource_record_name'),
    type: validationOptions.getString('resource_record_type'),
    records: [validationOptions.getString('resource_record_value')],
    ttl: 60,
    allowOverwrite: true,
  });
  const certificateValidation = new AcmCertificateValidation(scope, 'certificate-validation-wait', {
    provider: props.provider,
    certificateArn: certificate.arn,
    validationRecordFqdns: Token.asList(TerraformIterator.fromResources(validationRecords).pluckProperty('fqdn')),
  });
  return {
    certificate,
    validationRecords,
    certificateValidation,
    certificateArn: certificateValidation.certificateArn,
  };
}

export const FAILOVER_ROLES = ['PRIMARY', 'SECONDARY'] as const;
export type FailoverRole = (typeof FAILOVER_ROLES)[number];
export const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
export type HealthCheckProtocol = (typeof HEALTH_CHECK_PROTOCOLS)[number];
/** The intervals Route 53 health checkers request at, seconds. */
export const HEALTH_CHECK_INTERVALS = [10, 30] as const;

export interface FailoverHealthCheckProps {
  /** Path requested, starting with `/`, at most 255 characters, e.g. `/health`. Required. */
  readonly path: string;
  /** Default: `HTTPS` (with SNI). */
  readonly protocol?: HealthCheckProtocol;
  /** Default: 443 for HTTPS, 80 for HTTP. */
  readonly port?: number;
  /** Host name requested (and sent as SNI). Default: the target's DNS name. */
  readonly fqdn?: string;
  /** Seconds between two requests of one checker: 10 or 30 (10 costs more). Default: 30. */
  readonly intervalSeconds?: (typeof HEALTH_CHECK_INTERVALS)[number];
  /** Consecutive failures before the target counts as unhealthy, 1-10. Default: 3. */
  readonly failureThreshold?: number;
  /** Record latency metrics in CloudWatch (cannot be changed later without a new check). Default: true. */
  readonly measureLatency?: boolean;
}

export interface FailoverAliasRecordProps {
  /** Existing hosted zone's id. Required. */
  readonly zoneId: string;
  /** Fully qualified record name, e.g. `app.example.com`. Required. */
  readonly recordName: string;
  /** `PRIMARY` or `SECONDARY`. Required. */
  readonly failover: FailoverRole;
  /** Unique among the records of the name, e.g. the region; 1-128 characters. Required. */
  readonly setIdentifier: string;
  /** The load balancer (alias target; evaluate_target_health true unless the target says false). Required. */
  readonly target: DnsAliasTarget;
  /** The Route 53 health check that decides whether this record answers. Required (`path`). */
  readonly healthCheck: FailoverHealthCheckProps;
  /** Default: `['A']`; add `'AAAA'` for a dual-stack target. */
  readonly recordTypes?: readonly ('A' | 'AAAA')[];
  /** Tags on the health check, beside its `Name` and the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One side of a failover pair: a health check of the target and alias records `record-a` (and `record-aaaa`) for
 * `recordName` with failover routing (see the module doc).
 */
export class FailoverAliasRecord extends Construct {
  readonly healthCheck: Route53HealthCheck;
  readonly healthCheckId: string;
  /** The alias records, in `recordTypes` order. */
  readonly records: readonly Route53Record[];

  constructor(scope: Construct, id: string, props: FailoverAliasRecordProps) {
    super(scope, id);
    assertNoIssues(`FailoverAliasRecord "${this.node.path}" props`, validateFailoverAliasRecordProps(props));
    const check = props.healthCheck;
    const protocol = check.protocol ?? 'HTTPS';
    const https = protocol === 'HTTPS';
    this.healthCheck = new Route53HealthCheck(this, 'health-check', {
      type: protocol,
      fqdn: check.fqdn ?? props.target.dnsName,
      port: check.port ?? (https ? 443 : 80),
      resourcePath: check.path,
      enableSni: https,
      requestInterval: check.intervalSeconds ?? 30,
      failureThreshold: check.failureThreshold ?? 3,
      measureLatency: check.measureLatency ?? true,
      tags: { ...props.tags, Name: `${props.recordName} ${props.failover.toLowerCase()} (${props.setIdentifier})` },
    });
    this.healthCheckId = this.healthCheck.id;
    this.records = (props.recordTypes ?? ['A']).map(
      (type) =>
        new Route53Record(this, `record-${type.toLowerCase()}`, {
          zoneId: props.zoneId,
          name: props.recordName,
          type,
          setIdentifier: props.setIdentifier,
          failoverRoutingPolicy: { type: props.failover },
          healthCheckId: this.healthCheck.id,
          alias: aliasTo(props.target),
        }),
    );
  }
}

/** Every rule the FailoverAliasRecord constructor enforces, as a pure function. */
export function validateFailoverAliasRecordProps(props: FailoverAliasRecordProps): ValidationIssue[] {
  const issues = [
    ...checkHostedZoneId('zoneId', props.zoneId),
    ...checkDomainName('recordName', props.recordName),
    ...checkOneOf('failover', props.failover, FAILOVER_ROLES),
    ...checkText('setIdentifier', props.setIdentifier, 128),
    ...checkAliasTarget('target', props.target),
  ];
  const check = props.healthCheck;
  if (check === undefined || check === null) {
    return [...issues, { path: 'healthCheck', value: check, message: 'is required (at least its path)' }];
  }
  if (!isLiteral(check.path) || !/^\/\S{0,254}$/.test(check.path)) {
    const message = 'must be a path starting with "/", at most 255 characters without spaces';
    issues.push({ path: 'healthCheck.path', value: check.path, message });
  }
  if (check.protocol !== undefined)
    issues.push(...checkOneOf('healthCheck.protocol', check.protocol, HEALTH_CHECK_PROTOCOLS));
  if (check.port !== undefined) issues.push(...checkInteger('healthCheck.port', check.port, 1, 65535, 'a port'));
  if (check.fqdn !== undefined) issues.push(...checkDomainName('healthCheck.fqdn', check.fqdn));
  if (
    check.intervalSeconds !== undefined &&
    !(HEALTH_CHECK_INTERVALS as readonly number[]).includes(check.intervalSeconds)
  ) {
    issues.push({
      path: 'healthCheck.intervalSeconds',
      value: check.intervalSeconds,
      message: 'must be 10 or 30 seconds',
    });
  }
  if (check.failureThreshold !== undefined) {
    issues.push(...checkInteger('healthCheck.failureThreshold', check.failureThreshold, 1, 10, 'a whole number'));
  }
  const types = props.recordTypes;
  if (types !== undefined) {
    if (types.length === 0)
      issues.push({ path: 'recordTypes', value: types, message: 'must list "A", "AAAA" or both' });
    types.forEach((type, index) => {
      const at = joinPath('recordTypes', index);
      const bad = checkOneOf(at, type, ['A', 'AAAA']);
      issues.push(...bad);
      if (bad.length === 0 && types.indexOf(type) !== index) {
        issues.push({ path: at, value: type, message: 'is listed more than once' });
      }
    });
  }
  return issues;
}
