/**
 * The certificate of an HTTPS listener, in one of three modes:
 *
 * | mode          | creates                                                        | the certificate's key lives        |
 * | ------------- | -------------------------------------------------------------- | ---------------------------------- |
 * | `acm`         | nothing: an existing ACM certificate, by ARN                   | in ACM (issued or imported before) |
 * | `dns`         | a Route 53 zone and an ACM certificate validated through it    | in ACM, never outside it           |
 * | `dns-existing-zone` | an ACM certificate, its validation records in an existing zone | in ACM, never outside it     |
 * | `self-signed` | an ACM certificate imported from a PEM key and certificate     | in ACM, and in the Terraform state |
 *
 * `self-signed` takes the PEMs from two Terraform variables by default ({@link CERTIFICATE_VARIABLES}: the key is
 * `sensitive`, so plans print no value), so nothing secret is written into the synthesized configuration. Whoever runs
 * `terraform plan` sets them, e.g. `TF_VAR_certificate_private_key_pem="$(cat key.pem)"`. Terraform keeps the key in
 * the state (an encrypted, versioned bucket) and in a saved plan, like any imported certificate. Clients do not trust
 * a self-signed certificate: production callers refuse it with {@link checkSelfSignedAllowed}.
 *
 * `dns` builds a {@link DnsZone} for `zoneName` (its certificate covers the zone and `*.<zone>`); the caller points a
 * name of `zone` at the load balancer with `zone.addAliasRecords`, and delegates the zone to `zone.nameServers`.
 *
 * `dns-existing-zone` requests a certificate for `domainName` (and `subjectAlternativeNames`) and writes its DNS
 * validation records into the zone `zoneId`, which someone else manages. The records may overwrite a record of the
 * same name (`allow_overwrite`): ACM asks for the same CNAME for a name in every region, so the certificates of one
 * name in two regions' stacks validate through one record. `certificateArn` is the validation's: a listener using it
 * waits until ACM has issued the certificate. Destroying one stack deletes the shared record; the other certificate
 * stays issued, but its renewal needs the record back (apply the other stack again).
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { checkInteger, checkOneOf, isLiteral } from '../core/checks';
import { assertNoIssues, type ValidationIssue } from '../core/validation';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import type { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import {
  checkDomainName,
  checkHostedZoneId,
  checkKeyAlgorithm,
  checkSubjectAlternativeNames,
  DnsZone,
  requestDnsValidatedCertificate,
  type CertificateKeyAlgorithm,
} from '../dns';
import { checkListenerCertificate } from '../load-balancer';

export const CERTIFICATE_MODES = ['self-signed', 'acm', 'dns', 'dns-existing-zone'] as const;
export type CertificateMode = (typeof CERTIFICATE_MODES)[number];

/** Key algorithms of a self-signed certificate: ACM imports them and every client accepts them (ACM's names). */
export const SELF_SIGNED_KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1'] as const;
export type SelfSignedKeyAlgorithm = (typeof SELF_SIGNED_KEY_ALGORITHMS)[number];

/** The Terraform variables a `self-signed` certificate reads its PEMs from, unless the caller passes the PEMs. */
export const CERTIFICATE_VARIABLES = {
  privateKey: 'certificate_private_key_pem',
  certificateBody: 'certificate_body_pem',
} as const;

export interface AcmCertificateModeProps {
  readonly mode: 'acm';
  /** ARN of an issued (or imported) ACM certificate in the listener's region. Required. */
  readonly certificateArn: string;
}

export interface DnsCertificateModeProps {
  readonly mode: 'dns';
  /** The zone to create, e.g. `app.example.com`; the certificate covers it and `*.<zoneName>`. Required. */
  readonly zoneName: string;
  /** Keep Terraform from destroying the zone (its delegation would have to be redone). Default: true. */
  readonly zoneDeletionProtection?: boolean;
}

export interface DnsExistingZoneCertificateModeProps {
  readonly mode: 'dns-existing-zone';
  /** The existing hosted zone the validation records go in, e.g. `Z0123456789ABCDEFGHIJ`. Required. */
  readonly zoneId: string;
  /** The name the certificate is for, e.g. `app.example.com` (`*.` allowed first); a name of that zone. Required. */
  readonly domainName: string;
  /** Further names, each validated through the same zone. Default: none. */
  readonly subjectAlternativeNames?: readonly string[];
  /** Key algorithm of the certificate. Default: `RSA_2048` (as in `dns` mode: every client supports it). */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
}

export interface SelfSignedCertificateModeProps {
  readonly mode: 'self-signed';
  /** The name the certificate was issued for (its `Name` tag). Required. */
  readonly domainName: string;
  /** PEM private key (RSA 2048 or EC P-256/P-384). Default: the sensitive variable `certificate_private_key_pem`. */
  readonly privateKeyPem?: string;
  /** PEM certificate of that key. Default: the variable `certificate_body_pem`. */
  readonly certificateBodyPem?: string;
}

export type CertificateProps = (
  | AcmCertificateModeProps
  | DnsCertificateModeProps
  | DnsExistingZoneCertificateModeProps
  | SelfSignedCertificateModeProps
) & {
  /** Tags on what the module creates, beside the provider's default tags. Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
};

export class Certificate extends Construct {
  readonly mode: CertificateMode;
  /** The ARN a listener takes; in `dns` mode it resolves once ACM has issued the certificate. */
  readonly certificateArn: string;
  /** `dns`: the zone that validates the certificate, for alias records. */
  readonly zone?: DnsZone;
  /** `dns-existing-zone`: the requested certificate. */
  readonly requestedCertificate?: AcmCertificate;
  /** `dns-existing-zone`: its validation records (one per distinct validation name) in the existing zone. */
  readonly validationRecords?: Route53Record;
  /** `dns-existing-zone`: the validation whose ARN is `certificateArn`. */
  readonly certificateValidation?: AcmCertificateValidation;
  /** `self-signed`: the imported certificate. */
  readonly importedCertificate?: AcmCertificate;
  /** `self-signed` without PEM props: the variables that hold them. */
  readonly variables?: { readonly privateKey: TerraformVariable; readonly certificateBody: TerraformVariable };

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    assertNoIssues(`Certificate "${this.node.path}" props`, validateCertificateProps(props));
    this.mode = props.mode;
    const tags = props.tags ? { ...props.tags } : undefined;
    if (props.mode === 'acm') {
      this.certificateArn = props.certificateArn;
      return;
    }
    if (props.mode === 'dns') {
      this.zone = new DnsZone(this, 'zone', {
        domainName: props.zoneName,
        deletionProtection: props.zoneDeletionProtection ?? true,
        tags,
      });
      this.certificateArn = this.zone.certificateArn;
      return;
    }
    if (props.mode === 'dns-existing-zone') {
      const requested = requestDnsValidatedCertificate(this, {
        zoneId: props.zoneId,
        domainName: props.domainName,
        subjectAlternativeNames: props.subjectAlternativeNames ?? [],
        keyAlgorithm: props.keyAlgorithm,
        tags,
      });
      this.requestedCertificate = requested.certificate;
      this.validationRecords = requested.validationRecords;
      this.certificateValidation = requested.certificateValidation;
      this.certificateArn = requested.certificateArn;
      return;
    }
    let privateKey = props.privateKeyPem;
    let certificateBody = props.certificateBodyPem;
    if (privateKey === undefined || certificateBody === undefined) {
      this.variables = pemVariables(this);
      privateKey ??= this.variables.privateKey.stringValue;
      certificateBody ??= this.variables.certificateBody.stringValue;
    }
    this.importedCertificate = new AcmCertificate(this, 'imported', {
      privateKey,
      certificateBody,
      tags: { ...tags, Name: props.domainName },
      // A listener cannot be left without a certificate: a replacement is imported before the old one is deleted.
      lifecycle: { createBeforeDestroy: true },
    });
    this.certificateArn = this.importedCertificate.arn;
  }
}

/** The two variables of a `self-signed` certificate, named {@link CERTIFICATE_VARIABLES} in the stack. */
function pemVariables(scope: Construct) {
  const pem = (id: string, name: string, header: string, what: string, sensitive: boolean) => {
    const variable = new TerraformVariable(scope, id, {
      type: 'string',
      description: `PEM ${what} of the self-signed certificate${sensitive ? ' (sensitive)' : ''}`,
      sensitive,
      nullable: false,
      validation: [
        {
          condition: `\${can(regex("^-----BEGIN ${header}-----", var.${name}))}`,
          errorMessage: `The value of ${name} must be a PEM ${what} (a -----BEGIN line first).`,
        },
      ],
    });
    variable.overrideLogicalId(name);
    return variable;
  };
  return {
    privateKey: pem(
      'private-key-variable',
      CERTIFICATE_VARIABLES.privateKey,
      '(RSA |EC )?PRIVATE KEY',
      'private key',
      true,
    ),
    certificateBody: pem(
      'certificate-body-variable',
      CERTIFICATE_VARIABLES.certificateBody,
      'CERTIFICATE',
      'certificate',
      false,
    ),
  };
}

/** One of {@link CERTIFICATE_MODES}. */
export function checkCertificateMode(path: string, mode: string): ValidationIssue[] {
  return checkOneOf(path, mode, CERTIFICATE_MODES);
}

/**
 * Where clients must trust the certificate's issuer (production), a self-signed certificate is refused unless
 * `allowed`; `where` says where (`in production`), `override` names the setting that allows it.
 */
export function checkSelfSignedAllowed(
  path: string,
  mode: string,
  allowed: boolean,
  where: string,
  override: string,
): ValidationIssue[] {
  if (mode !== 'self-signed' || allowed) return [];
  const message = `must not be "self-signed" ${where}: clients do not trust it. Use "acm" or "dns", or set ${override}: true`;
  return [{ path, value: mode, message }];
}

/** Days a self-signed certificate is valid: 1 to 825 (the longest validity clients accept for a server certificate). */
export function checkCertificateValidityDays(path: string, days: number): ValidationIssue[] {
  return checkInteger(path, days, 1, 825, 'a whole number of days');
}

/** Every rule the constructor enforces. */
export function validateCertificateProps(props: CertificateProps): ValidationIssue[] {
  const issues = checkCertificateMode('mode', props.mode);
  if (issues.length > 0) return issues;
  if (props.mode === 'acm') return checkListenerCertificate('certificateArn', props.certificateArn, false);
  if (props.mode === 'dns') return checkDomainName('zoneName', props.zoneName);
  if (props.mode === 'dns-existing-zone') {
    return [
      ...checkHostedZoneId('zoneId', props.zoneId),
      ...checkDomainName('domainName', props.domainName, { wildcard: true }),
      ...checkSubjectAlternativeNames('subjectAlternativeNames', props.subjectAlternativeNames ?? []),
      ...checkKeyAlgorithm('keyAlgorithm', props.keyAlgorithm),
    ];
  }
  const pems = [
    ['privateKeyPem', props.privateKeyPem, /^-----BEGIN (RSA |EC )?PRIVATE KEY-----/],
    ['certificateBodyPem', props.certificateBodyPem, /^-----BEGIN CERTIFICATE-----/],
  ] as const;
  for (const [path, pem, header] of pems) {
    if (isLiteral(pem) && !header.test(pem)) {
      issues.push({
        path,
        value: '(a PEM, not shown)',
        message: `must be a PEM starting with ${header.source.slice(1)}`,
      });
    }
  }
  return [...checkDomainName('domainName', props.domainName, { wildcard: true }), ...issues];
}
