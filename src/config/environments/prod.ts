import type { EnvironmentConfig } from '../schema';

/** Production: the seeds' prod sizes; flow logs kept a year for incident review. */
export const prod: EnvironmentConfig = {
  name: 'prod',
  accountId: '123456789012',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  contactEmail: 'platform-alerts@example.com',
  tags: { owner: 'platform-engineering', 'cost-center': 'production' },
  network: {
    vpcCidr: '10.0.0.0/16',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
    natGateways: 'per-az',
    flowLogs: { enabled: true, retentionInDays: 365, trafficType: 'ALL' },
  },
};
