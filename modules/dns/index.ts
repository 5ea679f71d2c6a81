/**
 * A public Route 53 hosted zone for a domain, an ACM certificate for the domain and its alternative names (by default
 * the wildcard `*.<domain>`) validated through DNS records in that zone, and helpers for the records that point the
 * domain at a load balancer or CDN: A/AAAA aliases and CNAMEs.
 *
 * Order of use in a blueprint: create the zone (its `certificateArn` waits for validation), give the ARN to the load
 * balancer, then `addAliasRecords('apex', { target: lb })`. A subdomain zone (`dev.example.com`) must be delegated from
 * its parent by NS records holding `nameServers`; that happens outside this stack.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
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

    this.certificate = new AcmCertificate(this, 'certificate', {
      provider: props.certificateProvider,
      domainName: domain,
      subjectAlternativeNames: [...(props.subjectAlternativeNames ?? [`*.${domain}`])],
      validationMethod: 'DNS',
      keyAlgorithm: props.keyAlgorithm ?? 'RSA_2048',
      tags: { ...props.tags, Name: domain },
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
          propertyAccess(this.certificate, ['domain_validation_options']),
          FOR_EXPRESSION_VALUE,
          propertyAccess(FOR_EXPRESSION_VALUE, ['domain_name']),
        ),
      ),
    );
    this.validationRecords = new Route53Record(this, 'certificate-validation', {
      forEach: validationOptions,
      zoneId: this.zone.zoneId,
      name: validationOptions.getString('resource_record_name'),
      type: validationOptions.getString('resource_record_type'),
      records: [validationOptions.getString('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    this.recordsById['certificate-validation'] = this.validationRecords;
    this.certificateValidation = new AcmCertificateValidation(this, 'certificate-validation-wait', {
      provider: props.certificateProvider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(
        TerraformIterator.fromResources(this.validationRecords).pluckProperty('fqdn'),
      ),
    });
    this.certificateArn = this.certificateValidation.certificateArn;

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
    ];
    for (const field of ['dnsName', 'zoneId'] as const) {
      if (!props.target?.[field]) {
        issues.push({ path: joinPath('target', field), value: props.target?.[field], message: 'is required' });
      }
    }
    assertNoIssues(`DnsZone "${this.node.path}" alias records "${id}"`, issues);
    this.namesInUse.set(this.fqdn(subdomain), 'alias');

    const alias = {
      name: props.target.dnsName,
      zoneId: props.target.zoneId,
      evaluateTargetHealth: props.target.evaluateTargetHealth ?? true,
    };
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
  if (sans.length > 99) {
    const message = 'must list at most 99 names (ACM allows 100 names per certificate, the domain included)';
    issues.push({ path: 'subjectAlternativeNames', value: sans.length, message });
  }
  sans.forEach((san, index) => {
    const path = joinPath('subjectAlternativeNames', index);
    const syntax = checkDomainName(path, san, { wildcard: true });
    issues.push(...syntax);
    if (syntax.length > 0 || issues.some((issue) => issue.path === 'domainName')) return;
    if (san !== domain && !san.endsWith(`.${domain}`)) {
      const message = `must be ${domain} or a name under it: its validation record goes in this zone`;
      issues.push({ path, value: san, message });
    } else if (sans.indexOf(san) !== index) {
      issues.push({ path, value: san, message: 'is listed more than once' });
    }
  });
  if (
    props.keyAlgorithm !== undefined &&
    !(CERTIFICATE_KEY_ALGORITHMS as readonly string[]).includes(props.keyAlgorithm)
  ) {
    const message = `must be one of ${CERTIFICATE_KEY_ALGORITHMS.join(', ')}`;
    issues.push({ path: 'keyAlgorithm', value: props.keyAlgorithm, message });
  }
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
