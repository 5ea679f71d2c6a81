/**
 * Self-hosted MongoDB passes real `terraform validate` and an offline plan (aws provider only), wired to an app tier.
 *
 * AtlasCluster has no test here: its stack needs the mongodbatlas and random providers, which cannot be installed on
 * this machine (only hashicorp/aws is in the filesystem mirror), so it is covered by synth-level tests in
 * mongodb.test.ts only.
 */
import { allowTraffic, SecurityGroup } from '../../modules/core/security-group';
import { SelfHostedMongo } from '../../modules/mongodb';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans SelfHostedMongo with an app tier allowed on 27017', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const mongo = new SelfHostedMongo(stack, 'mongo', {
        name: 'dev',
        accountId: '123456789012',
        region: 'us-east-1',
        vpcId: 'vpc-12345678',
        subnetId: 'subnet-12345678',
        availabilityZone: 'us-east-1a',
      });
      const app = new SecurityGroup(stack, 'app', { name: 'dev-app', description: 'app', vpcId: 'vpc-12345678' });
      allowTraffic(app, mongo.securityGroup, { port: 27017, description: 'app to MongoDB' });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // Module: security group + HTTPS egress (2), bucket + versioning, encryption, public access block, ownership,
  // policy, lifecycle (7), users secret (1), data volume + attachment (2), role + policy + SSM attachment + profile (4),
  // launch template + instance (2) = 18; app group + its egress + MongoDB's ingress from it = 3.
  expect(result.toAdd).toBe(21);
});
