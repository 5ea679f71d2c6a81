/** The waf module passes real `terraform validate` and an offline plan: a regional ACL with its association. */
import { WebAcl } from '../../modules/waf';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans a regional web ACL associated with a load balancer', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const acl = new WebAcl(stack, 'waf', { name: 'shop-dev-alb', scope: 'REGIONAL', rateLimitPer5Minutes: 1000 });
      acl.associate(
        'alb',
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-dev/0123456789abcdef',
      );
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // web ACL + association
  expect(result.toAdd).toBe(2);
  expect(result.plan).toContain('AWSManagedRulesCommonRuleSet');
});
