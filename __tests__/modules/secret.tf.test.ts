/** The secret module passes real `terraform validate` and an offline plan. */
import { EncryptedSecret } from '../../modules/secret';
import { checkWithTerraform } from '../helpers/terraform-check';

jest.setTimeout(120_000);

it('validates and plans a secret with its own rotating key and alias', async () => {
  const result = await checkWithTerraform(
    (stack) => {
      new EncryptedSecret(stack, 'db', {
        name: 'shop-dev/database',
        accountId: '123456789012',
        jsonKeys: ['DB_HOST', 'DB_PASSWORD'],
        recoveryWindowInDays: 7,
      });
    },
    { plan: true },
  );
  expect(result.validate).toContain('Success! The configuration is valid.');
  // key, alias, secret
  expect(result.toAdd).toBe(3);
  expect(result.plan).toMatch(/\+ enable_key_rotation += true/);
  expect(result.plan).toMatch(/\+ recovery_window_in_days += 7/);
});
