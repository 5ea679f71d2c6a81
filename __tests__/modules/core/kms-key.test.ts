/**
 * `keyUseStatements`: keys given by ARN share one statement; a key given by its alias ARN is granted as the keys of
 * its account and region that carry the alias, since KMS authorizes against the key's ARN.
 */
import { keyUseStatements } from '../../../modules/core/kms-key';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const VIA = { test: 'StringLike', variable: 'kms:ViaService', values: ['codecommit.*'] };

it('grants keys by ARN in one statement, with the given conditions', () => {
  expect(keyUseStatements('Keys', ['kms:Decrypt'], [KEY], [VIA])).toEqual([
    { sid: 'Keys', actions: ['kms:Decrypt'], resources: [KEY], conditions: [VIA] },
  ]);
});

it('grants a key named by its alias as any key of that account and region carrying the alias', () => {
  const alias = 'arn:aws:kms:us-west-2:123456789012:alias/codecommit/web';
  expect(keyUseStatements('Keys', ['kms:Decrypt'], [KEY, alias])).toEqual([
    { sid: 'Keys', actions: ['kms:Decrypt'], resources: [KEY] },
    {
      sid: 'KeysByAlias0',
      actions: ['kms:Decrypt'],
      resources: ['arn:aws:kms:us-west-2:123456789012:key/*'],
      conditions: [
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/codecommit/web'] },
      ],
    },
  ]);
});

it('grants nothing without keys', () => {
  expect(keyUseStatements('Keys', ['kms:Decrypt'], [])).toEqual([]);
});
