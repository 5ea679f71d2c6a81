/** The security-group primitive passes real `terraform validate` and an offline plan with every rule kind. */
import { allowTraffic, SecurityGroup } from '../../../modules/core/security-group';
import { checkWithTerraform } from '../../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans: CIDR, IPv6, group-to-group and all-protocol rules', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const lb = new SecurityGroup(stack, 'lb', {
        name: 'lb',
        description: 'lb',
        vpcId: 'vpc-12345678',
        ingress: {
          https: { description: 'HTTPS', port: 443, peer: { cidrIpv4: '0.0.0.0/0' } },
          'https-v6': { description: 'HTTPS v6', port: 443, peer: { cidrIpv6: '::/0' } },
        },
      });
      const app = new SecurityGroup(stack, 'app', {
        name: 'app',
        description: 'app',
        vpcId: 'vpc-12345678',
        egress: { all: { description: 'all', protocol: 'all', peer: { cidrIpv4: '0.0.0.0/0' } } },
      });
      allowTraffic(lb, app, { port: 8000, description: 'lb to app' });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  expect(result.toAdd).toBe(7);
});
