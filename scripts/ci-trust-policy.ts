/**
 * `npm run --silent ci:trust-policy -- --repository OWNER/NAME --environment ENV --role plan|apply`: prints the trust
 * policy (JSON) of the IAM role the workflows assume for ENV, for `aws iam create-role` or
 * `aws iam update-assume-role-policy` (RUNBOOK.md). The account is the environment's configured `accountId`
 * (CONFIG_OVERRIDES applies) unless `--account-id` is given.
 */
import { ValidationError } from '../modules/core/validation';
import { loadConfig } from '../src/config/load';
import { readCommandLine, usageError } from './lib/cli';
import { CI_TRUST_POLICY } from './lib/commands';
import { ciTrustPolicy, type CiRole } from './lib/ci-trust-policy';

function main(): number {
  const { values } = readCommandLine(CI_TRUST_POLICY);
  const { repository, environment, role } = values;
  if (!repository || !environment || !role) {
    return usageError(CI_TRUST_POLICY, '--repository, --environment and --role are required');
  }
  if (role !== 'plan' && role !== 'apply') return usageError(CI_TRUST_POLICY, `--role ${role}: must be plan or apply`);
  const config = loadConfig();
  const configured = config.environments.find((e) => e.name === environment);
  if (!configured) {
    return usageError(
      CI_TRUST_POLICY,
      `unknown environment "${environment}"; configured: ${config.environments.map((e) => e.name).join(', ')}`,
    );
  }
  const accountId = values['account-id'] ?? configured.accountId;
  console.log(JSON.stringify(ciTrustPolicy({ accountId, repository, environment, role: role as CiRole }), null, 2));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof ValidationError ? error.message : `ci:trust-policy: ${(error as Error).message}`);
  process.exitCode = 1;
}
