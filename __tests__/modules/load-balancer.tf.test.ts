/**
 * The load-balancer module passes real `terraform validate` and an offline plan in both listener modes: HTTPS with
 * the DNS module's validated certificate (seed 001), and plain HTTP to instance targets in a newer region (seed 000);
 * and a blue/green pair with a test listener whose actions CodeDeploy manages.
 */
import { DnsZone } from '../../modules/dns';
import { LoadBalancer } from '../../modules/load-balancer';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

const SUBNETS = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'];

it('validates and plans HTTPS with path routing, the DnsZone certificate and an apex alias (seed 001)', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const dns = new DnsZone(stack, 'dns', {
        domainName: 'example.com',
        cnameRecords: { www: 'example.com' },
        deletionProtection: false,
      });
      const lb = new LoadBalancer(stack, 'lb', {
        name: 'ecs-fullstack-dev',
        vpcId: 'vpc-12345678',
        subnetIds: SUBNETS,
        certificateArn: dns.certificateArn,
        region: 'us-east-1',
        accountId: '123456789012',
        targetGroups: {
          frontend: { port: 3000, healthCheck: { path: '/' } },
          backend: { port: 8000, healthCheck: { path: '/api/v1/health' } },
        },
        defaultTargetGroup: 'frontend',
        routes: [{ targetGroup: 'backend', pathPatterns: ['/api/*'], priority: 100 }],
      });
      dns.addAliasRecords('apex', { target: lb });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // load balancer: group + 2 ingress rules, 7 bucket resources, ALB, 2 target groups, 2 listeners, 1 rule = 16
  // DNS: zone, certificate, 2 validation records, validation, A, AAAA, CNAME = 8
  expect(result.toAdd).toBe(24);
  expect(result.plan).toMatch(/ssl_policy +?= "ELBSecurityPolicy-TLS13-1-2-2021-06"/);
  expect(result.plan).toMatch(/status_code += "HTTP_301"/);
});

it('validates and plans plain HTTP to instance targets with access logs in eu-central-2 (seed 000)', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new LoadBalancer(stack, 'lb', {
        name: 'ec2-web-dev',
        vpcId: 'vpc-12345678',
        subnetIds: SUBNETS,
        allowPlainHttp: true,
        region: 'eu-central-2',
        accountId: '123456789012',
        targetGroups: {
          backend: {
            name: 'dev-backend-tg',
            port: 8080,
            targetType: 'instance',
            healthCheck: {
              path: '/health',
              intervalSeconds: 30,
              timeoutSeconds: 3,
              healthyThreshold: 2,
              unhealthyThreshold: 2,
            },
          },
        },
        defaultTargetGroup: 'backend',
      });
    },
    { plan: true, region: 'eu-central-2' },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // group + 1 ingress rule, 7 bucket resources, ALB, 1 target group, 1 listener = 12
  expect(result.toAdd).toBe(12);
});

it('validates and plans a blue/green pair with a test listener on 8443 and CodeDeploy-managed listener actions', async () => {
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const result = await checkWithTerraform(
    (stack) => {
      new LoadBalancer(stack, 'lb', {
        name: 'app-prod',
        vpcId: 'vpc-12345678',
        subnetIds: SUBNETS,
        certificateArn,
        accessLogs: { enabled: false },
        targetGroups: {
          blue: { port: 8080, healthCheck: { path: '/health' } },
          green: { port: 8080, healthCheck: { path: '/health' } },
        },
        defaultTargetGroup: 'blue',
        routes: [{ targetGroup: 'blue', pathPatterns: ['/api/*'], priority: 10 }],
        extraListeners: { test: { port: 8443, targetGroup: 'green', ingressCidrs: ['10.0.0.0/16'] } },
        listenerActionsManagedByCodeDeploy: true,
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // group + 3 ingress rules (80, 443, 8443), ALB, 2 target groups, 3 listeners, 1 rule = 11
  expect(result.toAdd).toBe(11);
  expect(result.plan).toMatch(/port += 8443/);
});
