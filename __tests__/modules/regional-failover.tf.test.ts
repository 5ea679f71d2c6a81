/**
 * The pieces a second region needs pass real `terraform validate` and an offline plan together: ECR registry
 * replication, a health-checked failover alias pair member, a certificate validated in an existing zone, and
 * encrypted SSM parameters.
 */
import { Certificate } from '../../modules/certificate';
import { RegistryReplication } from '../../modules/container-registry';
import { FailoverAliasRecord } from '../../modules/dns';
import { EncryptedParameters } from '../../modules/secret';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans replication, failover records, an existing-zone certificate and encrypted parameters', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new RegistryReplication(stack, 'replication', {
        sourceRegion: 'us-east-1',
        destinations: [{ region: 'us-west-2', registryId: '123456789012' }],
        repositoryPrefixes: ['shop-prod/'],
      });
      new FailoverAliasRecord(stack, 'primary', {
        zoneId: 'Z0123456789ABCDEFGHIJ',
        recordName: 'app.example.com',
        failover: 'PRIMARY',
        setIdentifier: 'us-east-1',
        target: { dnsName: 'web-1234567890.us-east-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K' },
        healthCheck: { path: '/health' },
        recordTypes: ['A', 'AAAA'],
      });
      new Certificate(stack, 'tls', {
        mode: 'dns-existing-zone',
        zoneId: 'Z0123456789ABCDEFGHIJ',
        domainName: 'app.example.com',
        subjectAlternativeNames: ['*.app.example.com'],
      });
      new EncryptedParameters(stack, 'settings', {
        path: '/shop/prod/',
        names: ['API_KEY', 'FEATURE_FLAGS'],
        accountId: '123456789012',
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // replication (1); health check, A, AAAA (3); certificate, 2 validation records, validation (4); key, alias,
  // 2 parameters (4).
  expect(result.toAdd).toBe(12);
  expect(result.plan).toMatch(/\+ enable_sni += true/);
  expect(result.plan).toMatch(/\+ type += "SecureString"/);
  expect(result.plan).toMatch(/aws_route53_record\.tls_certificate-validation_[0-9A-F]{8}\["\*\.app\.example\.com"\]/);
  expect(result.plan).not.toMatch(/Warning:/);
});
