import { checkContainerHealthCheck, httpHealthCheckCommand } from '../../modules/ecs';

describe('httpHealthCheckCommand', () => {
  it('GETs the path on the port with Node.js fetch, failing on an error or a status of 400 or more', () => {
    expect(httpHealthCheckCommand('node', 3000, '/')).toEqual([
      'CMD',
      'node',
      '-e',
      "fetch('http://localhost:3000/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
    ]);
  });

  it("GETs the path on the port with Python's urllib, which raises on an error or a status of 400 or more", () => {
    expect(httpHealthCheckCommand('python', 8000, '/api/v1/health')).toEqual([
      'CMD',
      'python',
      '-c',
      "import urllib.request; urllib.request.urlopen('http://localhost:8000/api/v1/health')",
    ]);
  });
});

describe('checkContainerHealthCheck', () => {
  it('accepts ECS ranges and reports each value outside them at its path', () => {
    const command = ['CMD', 'true'];
    expect(checkContainerHealthCheck('hc', { command, intervalSeconds: 5, timeoutSeconds: 60, retries: 10 })).toEqual(
      [],
    );
    expect(
      checkContainerHealthCheck('hc', {
        command: ['true'],
        intervalSeconds: 4,
        timeoutSeconds: 61,
        retries: 0,
        startPeriodSeconds: 301,
      }).map((issue) => [issue.path, issue.value]),
    ).toEqual([
      ['hc.command', ['true']],
      ['hc.intervalSeconds', 4],
      ['hc.timeoutSeconds', 61],
      ['hc.retries', 0],
      ['hc.startPeriodSeconds', 301],
    ]);
  });
});
