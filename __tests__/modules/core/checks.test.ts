/**
 * The small checks modules share: tokens versus literals, whole-number ranges (required and optional, with their
 * units), text, ARNs, KMS key ARNs (with and without aliases), S3 bucket naming, RDS/ElastiCache identifiers and the
 * partition of a region. Each problem names the path and the value.
 */
import { TerraformVariable } from 'cdktf';
import {
  awsPartition,
  checkArns,
  checkFiniteNumber,
  checkInteger,
  checkKmsKeyArn,
  checkNotAbove,
  checkOneOf,
  checkOptionalInteger,
  checkS3BucketName,
  checkText,
  isAwsDataIdentifier,
  isIntegerIn,
  isLiteral,
  isToken,
} from '../../../modules/core/checks';
import { testStack } from '../../helpers/template';

const TOKEN = new TerraformVariable(testStack('checks'), 'name', { type: 'string' }).stringValue;
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALIAS_ARN = 'arn:aws:kms:us-east-1:123456789012:alias/alarms';

describe('isToken and isLiteral', () => {
  it('tell a Terraform expression from a string known at synth time', () => {
    expect([isToken(TOKEN), isLiteral(TOKEN)]).toEqual([true, false]);
    expect([isToken('plain'), isLiteral('plain')]).toEqual([false, true]);
  });

  it('call neither a non-string a token nor a literal', () => {
    expect([isToken(undefined), isLiteral(undefined), isToken(42), isLiteral(42)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('whole-number ranges', () => {
  it('isIntegerIn accepts the bounds and rejects fractions, non-numbers and values outside', () => {
    expect([isIntegerIn(1, 1, 3), isIntegerIn(3, 1, 3)]).toEqual([true, true]);
    expect([isIntegerIn(0, 1, 3), isIntegerIn(4, 1, 3), isIntegerIn(1.5, 1, 3), isIntegerIn('2', 1, 3)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('checkInteger says what is counted and the range', () => {
    expect(checkInteger('count', 2, 1, 3)).toEqual([]);
    expect(checkInteger('count', 4, 1, 3)).toEqual([
      { path: 'count', value: 4, message: 'must be a whole number from 1 to 3' },
    ]);
    expect(checkInteger('width', 0.5, 1, 24, 'an integer')).toEqual([
      { path: 'width', value: 0.5, message: 'must be an integer from 1 to 24' },
    ]);
    expect(checkInteger('ttl', -1, 0, Infinity, 'a whole number of seconds')).toEqual([
      { path: 'ttl', value: -1, message: 'must be a whole number of seconds ≥ 0' },
    ]);
  });

  it('checkInteger reports a missing value; checkOptionalInteger lets it pass', () => {
    expect(checkInteger('days', undefined, 1, 30)).toEqual([
      { path: 'days', value: undefined, message: 'must be a whole number from 1 to 30' },
    ]);
    expect(checkOptionalInteger('days', undefined, 1, 30)).toEqual([]);
    expect(checkOptionalInteger('days', 31, 1, 30, 'a whole number of days')).toEqual([
      { path: 'days', value: 31, message: 'must be a whole number of days from 1 to 30' },
    ]);
  });

  it('checkNotAbove reports the lower bound above the upper one, and skips non-numbers', () => {
    expect(checkNotAbove('min', 2, 'max', 1)).toEqual([{ path: 'min', value: 2, message: 'must not exceed max (1)' }]);
    expect(checkNotAbove('min', 1, 'max', 1)).toEqual([]);
    expect(checkNotAbove('min', Number.NaN, 'max', 1)).toEqual([]);
  });

  it('checkFiniteNumber rejects NaN, Infinity and non-numbers', () => {
    expect(checkFiniteNumber('threshold', 0.5)).toEqual([]);
    for (const value of [Number.NaN, Infinity, '1']) {
      expect(checkFiniteNumber('threshold', value)).toEqual([
        { path: 'threshold', value, message: 'must be a finite number' },
      ]);
    }
  });
});

describe('checkOneOf, checkText and checkArns', () => {
  it('checkOneOf lists the allowed values', () => {
    expect(checkOneOf('mode', 'b', ['a', 'b'])).toEqual([]);
    expect(checkOneOf('mode', 'c', ['a', 'b'])).toEqual([
      { path: 'mode', value: 'c', message: 'must be one of "a", "b"' },
    ]);
  });

  it('checkText wants a non-blank string of at most max characters, and does not count a token', () => {
    expect(checkText('title', 'ok', 2)).toEqual([]);
    expect(checkText('title', '  ', 2)).toEqual([
      { path: 'title', value: '  ', message: 'must be a non-empty string' },
    ]);
    expect(checkText('title', 'long', 2)).toEqual([
      { path: 'title', value: 'long', message: 'must be at most 2 characters (has 4)' },
    ]);
    expect(checkText('title', TOKEN, 2)).toEqual([]);
  });

  it('checkArns reports each entry that is not an ARN, by index', () => {
    expect(checkArns('actions', ['arn:aws:sns:us-east-1:123456789012:alarms', TOKEN, 'alarms'])).toEqual([
      { path: 'actions[2]', value: 'alarms', message: 'must be an ARN (arn:<partition>:<service>:...)' },
    ]);
  });
});

describe('checkKmsKeyArn', () => {
  it('accepts a key ARN (any partition), a token and no key at all', () => {
    expect(checkKmsKeyArn('kmsKeyArn', KEY_ARN)).toEqual([]);
    expect(checkKmsKeyArn('kmsKeyArn', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abcd')).toEqual([]);
    expect(checkKmsKeyArn('kmsKeyArn', TOKEN)).toEqual([]);
    expect(checkKmsKeyArn('kmsKeyArn', undefined)).toEqual([]);
  });

  it.each(['alias/rds', ALIAS_ARN, '1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-east-1:12345:key/abcd'])(
    'rejects %s where a key ARN is needed',
    (value) => {
      expect(checkKmsKeyArn('kmsKeyArn', value)).toEqual([
        {
          path: 'kmsKeyArn',
          value,
          message: 'must be a KMS key ARN like arn:aws:kms:<region>:<account>:key/<id>',
        },
      ]);
    },
  );

  it('accepts an alias ARN only with allowAlias, and says so in the message', () => {
    expect(checkKmsKeyArn('kmsKeyArn', ALIAS_ARN, { allowAlias: true })).toEqual([]);
    expect(checkKmsKeyArn('kmsKeyArn', 'alias/alarms', { allowAlias: true })).toEqual([
      {
        path: 'kmsKeyArn',
        value: 'alias/alarms',
        message:
          'must be a KMS key ARN like arn:aws:kms:<region>:<account>:key/<id> or an alias ARN (...:alias/<name>)',
      },
    ]);
  });
});

describe('checkS3BucketName', () => {
  it.each(['my-bucket', 'my.bucket-123', 'abc', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(checkS3BucketName('bucketName', name)).toEqual([]);
  });

  it('does not check a token', () => {
    expect(checkS3BucketName('bucketName', TOKEN)).toEqual([]);
  });

  it.each([
    ['ab', 'must be 3 to 63 characters long (is 2) to be an S3 bucket name'],
    ['a'.repeat(64), 'must be 3 to 63 characters long (is 64) to be an S3 bucket name'],
    [
      'My_Bucket',
      'must be an S3 bucket name: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    ],
    [
      '-bucket',
      'must be an S3 bucket name: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit',
    ],
    ['my..bucket', 'must not contain two adjacent dots (S3 bucket naming)'],
    ['192.168.5.4', 'must not be formatted as an IP address (S3 bucket naming)'],
    ['xn--bucket', 'must not start with "xn--" (reserved by S3)'],
    ['sthree-bucket', 'must not start with "sthree-" (reserved by S3)'],
    ['bucket-s3alias', 'must not end with "-s3alias" (reserved by S3)'],
    ['bucket--ol-s3', 'must not end with "--ol-s3" (reserved by S3)'],
  ])('rejects %s', (name, message) => {
    expect(checkS3BucketName('bucketName', name)).toEqual([{ path: 'bucketName', value: name, message }]);
  });
});

describe('isAwsDataIdentifier', () => {
  it('wants a letter first, lowercase letters and digits in hyphen-separated runs, within the length', () => {
    expect(['app-db-1', 'a'].map((id) => isAwsDataIdentifier(id, 63))).toEqual([true, true]);
    expect(['1db', 'App', 'db--1', 'db-', 'a'.repeat(41)].map((id) => isAwsDataIdentifier(id, 40))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('awsPartition', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('puts %s in %s', (region, partition) => {
    expect(awsPartition(region)).toBe(partition);
  });
});
