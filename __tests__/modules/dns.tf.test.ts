/** The DNS module passes real `terraform validate` and an offline plan: zone, certificate, validation, aliases, CNAME. */
import { DnsZone } from '../../modules/dns';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a zone with a wildcard certificate, apex A/AAAA aliases and a www CNAME', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      const dns = new DnsZone(stack, 'dns', {
        domainName: 'example.com',
        cnameRecords: { www: 'example.com' },
        deletionProtection: false,
      });
      dns.addAliasRecords('apex', {
        target: { dnsName: 'web-123456789.us-east-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K' },
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // zone + certificate + 2 validation records (apex and wildcard, one key each) + validation + A + AAAA + CNAME
  expect(result.toAdd).toBe(8);
  // The for_each keys are known at plan time: one validation record per certificate name.
  expect(result.plan).toMatch(
    /aws_route53_record\.dns_certificate-validation_[0-9A-F]{8}\["example\.com"\] will be created/,
  );
  expect(result.plan).toMatch(
    /aws_route53_record\.dns_certificate-validation_[0-9A-F]{8}\["\*\.example\.com"\] will be created/,
  );
});
