import type { EnvironmentConfig } from '../schema';

/** Development: the seeds' dev sizes. Network numbers are those of seeds 000/001 (10.0.0.0/16, two AZs). */
export const dev: EnvironmentConfig = {
  name: 'dev',
  accountId: '123456789012',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'development' },
  network: {
    vpcCidr: '10.0.0.0/16',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
    natGateways: 'per-az',
    flowLogs: { enabled: true, retentionInDays: 30, trafficType: 'ALL' },
  },
};
