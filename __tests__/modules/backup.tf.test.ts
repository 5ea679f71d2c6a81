/**
 * The backup module passes real `terraform validate` and an offline plan: a vault with its created key and the
 * recovery-point protection, and seed 004's plan (hourly 7 days, daily 90 days, each copied to a vault in us-west-2).
 */
import { BackupPlan, BackupVault, backupVaultArn } from '../../modules/backup';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(180_000);

it('validates and plans a vault and a plan copying to another region', async () => {
  const dr = backupVaultArn('us-west-2', '123456789012', 'apprentice-final-staging-dr');
  const result = await checkWithTerraform(
    (stack) => {
      const vault = new BackupVault(stack, 'vault', { name: 'apprentice-final-staging', accountId: '123456789012' });
      new BackupPlan(stack, 'plan', {
        name: 'apprentice-final-staging',
        vaultName: vault.vaultName,
        rules: [
          { name: 'hourly', schedule: 'cron(0 * * * ? *)', deleteAfterDays: 7, copyTo: [{ vaultArn: dr }] },
          { name: 'daily', schedule: 'cron(0 5 * * ? *)', deleteAfterDays: 90, copyTo: [{ vaultArn: dr }] },
        ],
        resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:apprentice-final-staging'],
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // key, alias, vault, vault policy (4); role, 2 policy attachments, plan, selection (5).
  expect(result.toAdd).toBe(9);
  expect(result.plan).toContain(`destination_vault_arn = "${dr}"`);
  expect(result.plan).not.toMatch(/Warning:/);
});
