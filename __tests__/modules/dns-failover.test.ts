/**
 * FailoverAliasRecord: an HTTPS health check with SNI of the load balancer, PRIMARY/SECONDARY alias records that
 * evaluate target health and carry the check; the HTTP variant; props validation.
 */
import { FailoverAliasRecord, type FailoverAliasRecordProps } from '../../modules/dns';
import { guardrailFindings } from '../helpers/guardrails';
import { resolved, Template, testStack } from '../helpers/template';
import { rejectsEachCase } from '../helpers/validation';

const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
const EAST_ALB = { dnsName: 'web-1234567890.us-east-1.elb.amazonaws.com', zoneId: 'Z35SXDOTRQ7X7K' };
const BASE: FailoverAliasRecordProps = {
  zoneId: ZONE_ID,
  recordName: 'app.example.com',
  failover: 'PRIMARY',
  setIdentifier: 'us-east-1',
  target: EAST_ALB,
  healthCheck: { path: '/health' },
};

describe('FailoverAliasRecord PRIMARY with the defaults', () => {
  const stack = testStack();
  const failover = new FailoverAliasRecord(stack, 'primary', { ...BASE, tags: { team: 'web' } });
  const t = Template.fromStack(stack);

  it('checks the load balancer over HTTPS with SNI on 443 every 30 s, unhealthy after 3 failures, with latency', () => {
    expect(t.resource('aws_route53_health_check', 'primary/health-check')).toEqual({
      type: 'HTTPS',
      fqdn: EAST_ALB.dnsName,
      port: 443,
      resource_path: '/health',
      enable_sni: true,
      request_interval: 30,
      failure_threshold: 3,
      measure_latency: true,
      tags: { team: 'web', Name: 'app.example.com primary (us-east-1)' },
    });
    expect(resolved(failover, failover.healthCheckId)).toBe(t.ref('aws_route53_health_check', 'primary/health-check'));
  });

  it('answers app.example.com with one PRIMARY A alias to the load balancer while the check passes', () => {
    expect(t.count('aws_route53_record')).toBe(1);
    expect(t.resource('aws_route53_record', 'primary/record-a')).toEqual({
      zone_id: ZONE_ID,
      name: 'app.example.com',
      type: 'A',
      set_identifier: 'us-east-1',
      failover_routing_policy: { type: 'PRIMARY' },
      health_check_id: t.ref('aws_route53_health_check', 'primary/health-check'),
      alias: { name: EAST_ALB.dnsName, zone_id: EAST_ALB.zoneId, evaluate_target_health: true },
    });
    expect(failover.records).toHaveLength(1);
  });

  it('passes the guardrails pack', () => {
    expect(guardrailFindings(stack)).toEqual([]);
  });
});

describe('FailoverAliasRecord SECONDARY, dual-stack, checked over HTTP on a given host every 10 s', () => {
  const stack = testStack();
  const failover = new FailoverAliasRecord(stack, 'secondary', {
    ...BASE,
    failover: 'SECONDARY',
    setIdentifier: 'us-west-2',
    target: { dnsName: 'web-987.us-west-2.elb.amazonaws.com', zoneId: 'Z1H1FL5HABSF5' },
    recordTypes: ['A', 'AAAA'],
    healthCheck: {
      path: '/ready',
      protocol: 'HTTP',
      fqdn: 'west.app.example.com',
      intervalSeconds: 10,
      failureThreshold: 2,
      measureLatency: false,
    },
  });
  const t = Template.fromStack(stack);

  it('checks over HTTP on port 80 without SNI', () => {
    expect(t.resource('aws_route53_health_check', 'secondary/health-check')).toMatchObject({
      type: 'HTTP',
      fqdn: 'west.app.example.com',
      port: 80,
      resource_path: '/ready',
      enable_sni: false,
      request_interval: 10,
      failure_threshold: 2,
      measure_latency: false,
    });
  });

  it('creates SECONDARY A and AAAA aliases with the same check', () => {
    expect(failover.records.map((record) => record.node.id)).toEqual(['record-a', 'record-aaaa']);
    for (const type of ['A', 'AAAA']) {
      expect(t.resource('aws_route53_record', `secondary/record-${type.toLowerCase()}`)).toMatchObject({
        type,
        set_identifier: 'us-west-2',
        failover_routing_policy: { type: 'SECONDARY' },
        health_check_id: t.ref('aws_route53_health_check', 'secondary/health-check'),
      });
    }
  });
});

describe('FailoverAliasRecord props validation', () => {
  rejectsEachCase<Partial<FailoverAliasRecordProps>>({
    subject: /FailoverAliasRecord "invalid\/bad-\d+" props/,
    cases: [
      [
        'a zone id with the /hostedzone/ prefix',
        { zoneId: '/hostedzone/Z0123' },
        { path: 'zoneId', value: '/hostedzone/Z0123', message: /hosted zone id/ },
      ],
      [
        'a record name with a trailing dot',
        { recordName: 'app.example.com.' },
        { path: 'recordName', value: 'app.example.com.', message: /lowercase domain name/ },
      ],
      [
        'a lowercase failover role',
        { failover: 'primary' as never },
        { path: 'failover', value: 'primary', message: /"PRIMARY", "SECONDARY"/ },
      ],
      ['an empty set identifier', { setIdentifier: '' }, { path: 'setIdentifier', value: '', message: /non-empty/ }],
      [
        'a target without its zone id',
        { target: { dnsName: EAST_ALB.dnsName, zoneId: '' } },
        { path: 'target.zoneId', value: '', message: /is required/ },
      ],
      [
        'a health check path without a leading slash',
        { healthCheck: { path: 'health' } },
        { path: 'healthCheck.path', value: 'health', message: /starting with "\/"/ },
      ],
      [
        'a health check protocol TCP',
        { healthCheck: { path: '/health', protocol: 'TCP' as never } },
        { path: 'healthCheck.protocol', value: 'TCP', message: /"HTTP", "HTTPS"/ },
      ],
      [
        'port 0',
        { healthCheck: { path: '/health', port: 0 } },
        { path: 'healthCheck.port', value: 0, message: /from 1 to 65535/ },
      ],
      [
        'an interval of 15 seconds',
        { healthCheck: { path: '/health', intervalSeconds: 15 as never } },
        { path: 'healthCheck.intervalSeconds', value: 15, message: /10 or 30 seconds/ },
      ],
      [
        'a failure threshold of 11',
        { healthCheck: { path: '/health', failureThreshold: 11 } },
        { path: 'healthCheck.failureThreshold', value: 11, message: /from 1 to 10/ },
      ],
      [
        'an fqdn that is an IP address',
        { healthCheck: { path: '/health', fqdn: '10.0.0.1' } },
        { path: 'healthCheck.fqdn', value: '10.0.0.1', message: /lowercase domain name/ },
      ],
      ['no record type', { recordTypes: [] }, { path: 'recordTypes', value: [], message: /"A", "AAAA" or both/ }],
      [
        'a CNAME record type',
        { recordTypes: ['CNAME' as never] },
        { path: 'recordTypes[0]', value: 'CNAME', message: /"A", "AAAA"/ },
      ],
      [
        'A listed twice',
        { recordTypes: ['A', 'A'] },
        { path: 'recordTypes[1]', value: 'A', message: /more than once/ },
      ],
    ],
    build: (stack, id, patch) => new FailoverAliasRecord(stack, id, { ...BASE, ...patch }),
  });
});
