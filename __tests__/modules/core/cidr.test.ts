/**
 * CIDR arithmetic behind synth-time network validation: parsing (canonical form only), containment, overlap, the AWS
 * /16../28 block rule, and the whole-layout check with its field paths.
 */
import {
  AWS_BLOCK_PREFIX,
  checkCidr,
  checkSubnetLayout,
  cidrContains,
  cidrsOverlap,
  parseIpv4Cidr,
  type Ipv4Range,
} from '../../../modules/core/cidr';

/** Parses a CIDR the test knows to be valid. */
function range(cidr: string): Ipv4Range {
  const parsed = parseIpv4Cidr(cidr);
  if (typeof parsed === 'string') throw new Error(`${cidr} ${parsed}`);
  return parsed;
}

const TEN = 10 * 2 ** 24; // 10.0.0.0 as a number

describe('parseIpv4Cidr', () => {
  it.each([
    ['10.0.0.0/16', TEN, TEN + 65535, 16],
    ['10.0.255.240/28', TEN + 65520, TEN + 65535, 28],
    ['10.0.0.0/28', TEN, TEN + 15, 28],
    ['10.0.1.0/24', TEN + 256, TEN + 511, 24],
    ['0.0.0.0/0', 0, 2 ** 32 - 1, 0],
    ['255.255.255.255/32', 2 ** 32 - 1, 2 ** 32 - 1, 32],
    ['192.168.0.0/29', 3232235520, 3232235527, 29],
  ])('parses %s as [%i, %i] /%i', (cidr, first, last, prefixLength) => {
    expect(parseIpv4Cidr(cidr)).toEqual({ cidr, first, last, prefixLength });
  });

  it.each([
    ['10.0.0.0', 'a missing prefix', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0/', 'an empty prefix', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.256.0/24', '256 in an octet', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0/16', 'three octets', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0.0/16', 'five octets', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['010.0.0.0/16', 'a leading zero in an octet', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    [
      '10.0.0.0/08',
      'a leading zero in the prefix (Terraform: "expected 10.0.0.0/8")',
      'is not an IPv4 CIDR block like 10.0.0.0/16',
    ],
    [' 10.0.0.0/16', 'surrounding whitespace', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0/16/16', 'two prefixes', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['::/0', 'an IPv6 block', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['', 'an empty string', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0/33', 'prefix 33', 'has a prefix length above 32'],
    ['10.0.0.0/99', 'prefix 99', 'has a prefix length above 32'],
    ['10.0.1.5/24', 'host bits set', 'has host bits set (the network address is 10.0.1.0/24)'],
    ['10.0.0.1/16', 'host bits set in the last octet', 'has host bits set (the network address is 10.0.0.0/16)'],
    ['10.0.255.255/16', 'the /16 broadcast address', 'has host bits set (the network address is 10.0.0.0/16)'],
    ['10.0.0.8/28', 'a /28 off its boundary', 'has host bits set (the network address is 10.0.0.0/28)'],
  ])('rejects %s (%s): "%s"', (cidr, _why, message) => {
    expect(parseIpv4Cidr(cidr)).toBe(message);
  });
});

describe('cidrContains', () => {
  const vpc = range('10.0.0.0/16');

  it.each([
    ['10.0.0.0/16', true, 'the VPC block itself'],
    ['10.0.0.0/28', true, 'the first /28'],
    ['10.0.255.240/28', true, 'the last /28'],
    ['10.0.128.0/17', true, 'the upper half'],
    ['10.1.0.0/28', false, 'the /28 just past the end'],
    ['9.255.255.240/28', false, 'the /28 just before the start'],
    ['10.0.0.0/15', false, 'a larger block with the same first address'],
    ['10.1.0.0/16', false, 'the adjacent /16'],
  ])('10.0.0.0/16 contains %s: %s (%s)', (inner, expected) => {
    expect(cidrContains(vpc, range(inner))).toBe(expected);
  });

  it('0.0.0.0/0 contains every address, and nothing smaller contains it', () => {
    expect(cidrContains(range('0.0.0.0/0'), range('255.255.255.255/32'))).toBe(true);
    expect(cidrContains(range('0.0.0.0/0'), range('0.0.0.0/32'))).toBe(true);
    expect(cidrContains(range('0.0.0.0/1'), range('0.0.0.0/0'))).toBe(false);
  });
});

describe('cidrsOverlap', () => {
  it.each([
    ['10.0.0.0/24', '10.0.1.0/24', false, 'adjacent /24s'],
    ['10.0.0.0/28', '10.0.0.16/28', false, 'adjacent /28s'],
    ['10.0.255.240/28', '10.1.0.0/28', false, 'adjacent across a /16 boundary'],
    ['10.0.0.0/23', '10.0.1.0/24', true, 'a /24 inside a /23'],
    ['10.0.1.0/24', '10.0.1.0/24', true, 'identical blocks'],
    ['10.0.0.0/28', '10.0.0.15/32', true, 'sharing only the last address'],
    ['10.0.0.0/16', '10.0.10.0/24', true, 'a subnet and its VPC'],
    ['0.0.0.0/0', '192.168.0.0/16', true, 'everything and anything'],
  ])('%s and %s overlap: %s (%s)', (a, b, expected) => {
    expect(cidrsOverlap(range(a), range(b))).toBe(expected);
    expect(cidrsOverlap(range(b), range(a))).toBe(expected);
  });
});

describe('checkCidr with the AWS block rule', () => {
  it('is /16 to /28', () => {
    expect(AWS_BLOCK_PREFIX).toEqual({ min: 16, max: 28 });
  });

  it.each(['10.0.0.0/16', '10.0.0.0/28', '10.0.1.0/24'])('accepts %s', (cidr) => {
    expect(checkCidr('vpcCidr', cidr, AWS_BLOCK_PREFIX)).toEqual([]);
  });

  it.each([
    ['10.0.0.0/29', 'has prefix length /29; AWS allows /16 to /28 here'],
    ['10.0.0.0/15', 'has prefix length /15; AWS allows /16 to /28 here'],
    ['0.0.0.0/0', 'has prefix length /0; AWS allows /16 to /28 here'],
    ['10.0.0.0/32', 'has prefix length /32; AWS allows /16 to /28 here'],
    ['10.0.0/16', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
  ])('rejects %s: "%s"', (cidr, message) => {
    expect(checkCidr('network.vpcCidr', cidr, AWS_BLOCK_PREFIX)).toEqual([
      { path: 'network.vpcCidr', value: cidr, message },
    ]);
  });

  it('without a prefix rule accepts /0 and /32 (e.g. an allow-list entry)', () => {
    expect(checkCidr('allowed[0]', '0.0.0.0/0')).toEqual([]);
    expect(checkCidr('allowed[1]', '203.0.113.7/32')).toEqual([]);
  });
});

describe('checkSubnetLayout', () => {
  const layout = {
    basePath: 'network',
    vpcCidr: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    tiers: { publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'], privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'] },
  };

  it('accepts the seed layout', () => {
    expect(checkSubnetLayout(layout)).toEqual([]);
  });

  it('accepts subnets at both edges of the VPC, adjacent to nothing they overlap', () => {
    const edges = {
      ...layout,
      tiers: {
        publicSubnetCidrs: ['10.0.0.0/28', '10.0.0.16/28'],
        privateSubnetCidrs: ['10.0.255.224/28', '10.0.255.240/28'],
      },
    };
    expect(checkSubnetLayout(edges)).toEqual([]);
  });

  it('accepts one subnet as large as the VPC', () => {
    expect(
      checkSubnetLayout({
        basePath: '',
        vpcCidr: '10.0.0.0/24',
        availabilityZones: ['us-east-1a'],
        tiers: { subnets: ['10.0.0.0/24'] },
      }),
    ).toEqual([]);
  });

  it('names a /29 subnet, a subnet outside the VPC and an overlap, each with its path and value', () => {
    const issues = checkSubnetLayout({
      ...layout,
      tiers: {
        publicSubnetCidrs: ['10.0.1.0/29', '10.1.2.0/24'],
        privateSubnetCidrs: ['10.0.10.0/24', '10.0.10.128/25'],
      },
    });
    expect(issues).toEqual([
      {
        path: 'network.publicSubnetCidrs[0]',
        value: '10.0.1.0/29',
        message: 'has prefix length /29; AWS allows /16 to /28 here',
      },
      {
        path: 'network.publicSubnetCidrs[1]',
        value: '10.1.2.0/24',
        message: 'is not inside network.vpcCidr 10.0.0.0/16',
      },
      {
        path: 'network.privateSubnetCidrs[1]',
        value: '10.0.10.128/25',
        message: 'overlaps network.privateSubnetCidrs[0] 10.0.10.0/24',
      },
    ]);
  });

  it('finds an overlap across tiers', () => {
    const issues = checkSubnetLayout({
      ...layout,
      tiers: {
        publicSubnetCidrs: ['10.0.0.0/20', '10.0.16.0/24'],
        privateSubnetCidrs: ['10.0.10.0/24', '10.0.17.0/24'],
      },
    });
    expect(issues).toEqual([
      {
        path: 'network.privateSubnetCidrs[0]',
        value: '10.0.10.0/24',
        message: 'overlaps network.publicSubnetCidrs[0] 10.0.0.0/20',
      },
    ]);
  });

  it('reports a bad VPC block once and skips containment checks against it', () => {
    const issues = checkSubnetLayout({ ...layout, vpcCidr: '10.0.0.0/8' });
    expect(issues).toEqual([
      { path: 'network.vpcCidr', value: '10.0.0.0/8', message: 'has prefix length /8; AWS allows /16 to /28 here' },
    ]);
  });

  it('reports a tier whose subnet count differs from the AZ count, with the whole list as the value', () => {
    const issues = checkSubnetLayout({ ...layout, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(issues).toEqual([
      {
        path: 'network.publicSubnetCidrs',
        value: ['10.0.1.0/24', '10.0.2.0/24'],
        message: 'has 2 subnet(s) but 3 availability zone(s) are configured; give one per AZ',
      },
      {
        path: 'network.privateSubnetCidrs',
        value: ['10.0.10.0/24', '10.0.11.0/24'],
        message: 'has 2 subnet(s) but 3 availability zone(s) are configured; give one per AZ',
      },
    ]);
  });

  it('reports an empty AZ list and a duplicate AZ at availabilityZonesPath', () => {
    expect(
      checkSubnetLayout({ ...layout, availabilityZones: [], availabilityZonesPath: 'availabilityZones', tiers: {} }),
    ).toEqual([{ path: 'availabilityZones', value: [], message: 'must list at least one AZ' }]);
    expect(
      checkSubnetLayout({
        ...layout,
        availabilityZones: ['us-east-1a', 'us-east-1a'],
        availabilityZonesPath: 'availabilityZones',
      }),
    ).toEqual([{ path: 'availabilityZones[1]', value: 'us-east-1a', message: 'is listed more than once' }]);
  });

  it('uses bare field names when basePath is empty', () => {
    expect(checkSubnetLayout({ ...layout, basePath: '', vpcCidr: '10.0.0/16' })).toEqual([
      { path: 'vpcCidr', value: '10.0.0/16', message: 'is not an IPv4 CIDR block like 10.0.0.0/16' },
    ]);
  });
});
