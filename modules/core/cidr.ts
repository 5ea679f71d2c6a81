/**
 * IPv4 CIDR arithmetic for validating network layouts at synth time (ipaddr.js does the parsing).
 */
import * as ipaddr from 'ipaddr.js';
import { joinPath, type ValidationIssue } from './validation';

export interface Ipv4Range {
  readonly cidr: string;
  readonly first: number;
  readonly last: number;
  readonly prefixLength: number;
}

/** Parses `a.b.c.d/n` in canonical form (no host bits set). Returns an error message instead of throwing. */
export function parseIpv4Cidr(cidr: string): Ipv4Range | string {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(0|[1-9]\d?)$/.exec(cidr);
  if (!match || !ipaddr.IPv4.isValidFourPartDecimal(match[1] ?? ''))
    return 'is not an IPv4 CIDR block like 10.0.0.0/16';
  const prefixLength = Number(match[2]);
  if (prefixLength > 32) return 'has a prefix length above 32';
  const address = ipaddr.IPv4.parse(match[1] ?? '');
  const value = address.toByteArray().reduce((acc, byte) => acc * 256 + byte, 0);
  const size = 2 ** (32 - prefixLength);
  const first = Math.floor(value / size) * size;
  if (first !== value) {
    const network = ipaddr.fromByteArray([24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256));
    return `has host bits set (the network address is ${network.toString()}/${prefixLength})`;
  }
  return { cidr, first, last: first + size - 1, prefixLength };
}

export function cidrContains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function cidrsOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function checkCidr(path: string, cidr: string, allowedPrefix?: { min: number; max: number }): ValidationIssue[] {
  const parsed = parseIpv4Cidr(cidr);
  if (typeof parsed === 'string') return [{ path, value: cidr, message: parsed }];
  if (allowedPrefix && (parsed.prefixLength < allowedPrefix.min || parsed.prefixLength > allowedPrefix.max)) {
    const message = `has prefix length /${parsed.prefixLength}; AWS allows /${allowedPrefix.min} to /${allowedPrefix.max} here`;
    return [{ path, value: cidr, message }];
  }
  return [];
}

/** AWS accepts VPC and subnet IPv4 blocks between /16 and /28. */
export const AWS_BLOCK_PREFIX = { min: 16, max: 28 } as const;

export interface SubnetLayout {
  /** Path of the layout's root in the user's input, prefixed to every field name: `network` or ``. */
  readonly basePath: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  /** Where the AZ list sits in the user's input, when not beside the CIDRs. Default: `<basePath>.availabilityZones`. */
  readonly availabilityZonesPath?: string;
  /** Subnet tiers by the field name that holds their CIDRs, e.g. `{ publicSubnetCidrs: [...] }`. */
  readonly tiers: Readonly<Record<string, readonly string[]>>;
}

/**
 * Checks a VPC layout: every CIDR well formed, one subnet per AZ in each tier, every subnet inside the VPC,
 * no two subnets overlapping, no AZ listed twice.
 */
export function checkSubnetLayout(layout: SubnetLayout): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...segments: Array<string | number>) => joinPath(layout.basePath, ...segments);

  const vpcIssues = checkCidr(at('vpcCidr'), layout.vpcCidr, AWS_BLOCK_PREFIX);
  issues.push(...vpcIssues);
  const vpc = vpcIssues.length === 0 ? (parseIpv4Cidr(layout.vpcCidr) as Ipv4Range) : undefined;

  const azPath = layout.availabilityZonesPath ?? at('availabilityZones');
  const azCount = layout.availabilityZones.length;
  if (azCount === 0) issues.push({ path: azPath, value: [], message: 'must list at least one AZ' });
  layout.availabilityZones.forEach((az, index) => {
    if (layout.availabilityZones.indexOf(az) !== index) {
      issues.push({ path: joinPath(azPath, index), value: az, message: 'is listed more than once' });
    }
  });

  const seen: Array<{ path: string; range: Ipv4Range }> = [];
  for (const [field, cidrs] of Object.entries(layout.tiers)) {
    if (cidrs.length !== azCount) {
      const message = `has ${cidrs.length} subnet(s) but ${azCount} availability zone(s) are configured; give one per AZ`;
      issues.push({ path: at(field), value: cidrs, message });
    }
    cidrs.forEach((cidr, index) => {
      const path = at(field, index);
      const cidrIssues = checkCidr(path, cidr, AWS_BLOCK_PREFIX);
      issues.push(...cidrIssues);
      if (cidrIssues.length > 0) return;
      const range = parseIpv4Cidr(cidr) as Ipv4Range;
      if (vpc && !cidrContains(vpc, range)) {
        issues.push({ path, value: cidr, message: `is not inside ${at('vpcCidr')} ${vpc.cidr}` });
      }
      const clash = seen.find((other) => cidrsOverlap(other.range, range));
      if (clash) issues.push({ path, value: cidr, message: `overlaps ${clash.path} ${clash.range.cidr}` });
      seen.push({ path, range });
    });
  }
  return issues;
}
