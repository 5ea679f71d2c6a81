/**
 * The sandbox: S3 (s3rver) and DynamoDB (dynalite) emulators, in-process, each on a free port of 127.0.0.1, with the
 * state bucket and the lock table already created. Terraform's S3 backend (DynamoDB locking) runs against them for
 * real; synthesize with `sandboxEnv(sandbox)` to point the stacks at them.
 *
 * A third server stands in for the rest of the AWS API: `sandboxEnv` points the AWS providers at it
 * (`AWS_ENDPOINT_URL`), and it answers every call with an error in that service's own protocol, so that a
 * `cdktf deploy` in the sandbox runs init, plan and apply with the state and lock for real and then fails at the first
 * AWS call with a message that says why, without a request ever leaving the machine.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_CREDENTIALS, type SandboxTarget } from '../../modules/core/deployment-target';

export interface SandboxOptions {
  /** State bucket to create in s3rver. */
  bucket: string;
  /** Lock table to create in dynalite (`LockID` string hash key, PAY_PER_REQUEST). */
  lockTable: string;
  /** Region the clients sign for. Default `us-east-1`. */
  region?: string;
  /** Where both emulators keep their data (`s3/`, `dynamodb/`). Default: a fresh temp dir, removed by `stop()`. */
  dataDir?: string;
  /** Address both emulators listen on. Default `127.0.0.1`. */
  host?: string;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:38467` */
  s3Endpoint: string;
  /** e.g. `http://127.0.0.1:41233` */
  dynamodbEndpoint: string;
  bucket: string;
  lockTable: string;
  region: string;
  dataDir: string;
  /** The stand-in for every other AWS API (see the file comment), e.g. `http://127.0.0.1:40321`. */
  awsApiEndpoint: string;
  /** The calls the AWS API stand-in refused so far, oldest first (`CONNECT host:port` for a proxy request). */
  awsApiCalls(): readonly AwsApiCall[];
  /** The deployment target that makes stacks use this sandbox. */
  target: SandboxTarget;
  /** Closes both servers and their connections; removes `dataDir` if the sandbox created it. Idempotent. */
  stop(): Promise<void>;
}

export interface AwsApiCall {
  /** Signing name from the request's credential scope (`ec2`, `iam`, `s3`, ...), or `proxy`. */
  readonly service: string;
  /** `CreateVpc`, `CreateRole`, `PUT /bucket`, `CONNECT ec2.us-east-1.amazonaws.com:443`, ... */
  readonly operation: string;
}

/** The error code the AWS API stand-in answers with. */
export const SANDBOX_NO_AWS_API = 'SandboxHasNoAwsApi';

/**
 * The env vars a synth reads to target this sandbox (main.ts), and `AWS_ENDPOINT_URL`, which sends every AWS API call
 * of Terraform's AWS provider to the sandbox's stand-in (the S3 backend's own endpoints are in the synthesized JSON).
 * Writes nothing.
 */
export function sandboxEnv(s: Sandbox): Record<string, string> {
  return {
    STATE_BACKEND: 'sandbox',
    SANDBOX_S3_ENDPOINT: s.s3Endpoint,
    SANDBOX_DYNAMODB_ENDPOINT: s.dynamodbEndpoint,
    AWS_ENDPOINT_URL: s.awsApiEndpoint,
  };
}

// ---- the emulators (no type declarations ship with them) ----

interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  vhostBuckets: boolean;
  resetOnClose: boolean;
  configureBuckets: { name: string }[];
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;

interface DynaliteOptions {
  path?: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}
type DynaliteFactory = (options: DynaliteOptions) => Server;

const requireCjs = createRequire(__filename);

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const region = opts.region ?? 'us-east-1';
  const host = opts.host ?? '127.0.0.1';
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : mkdtempSync(join(tmpdir(), 'aws-blueprints-sandbox-'));
  const s3Dir = join(dataDir, 's3');
  const dynamoDir = join(dataDir, 'dynamodb');
  mkdirSync(s3Dir, { recursive: true });
  mkdirSync(dynamoDir, { recursive: true });
  // dynalite crashes the process (an uncaught "Database is closed") when its LevelDB is locked by another sandbox.
  const pidFile = ownsDataDir ? undefined : claimDataDir(dataDir);

  let s3: S3rverInstance | undefined;
  let dynamo: Server | undefined;
  let awsApi: Server | undefined;
  const awsApiCalls: AwsApiCall[] = [];
  let stopped: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      const results = await Promise.allSettled([
        s3 ? closeS3rver(s3) : Promise.resolve(),
        dynamo ? closeServer(dynamo) : Promise.resolve(),
        awsApi ? closeServer(awsApi) : Promise.resolve(),
      ]);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      else if (pidFile) rmSync(pidFile, { force: true });
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    })();
    return stopped;
  };

  try {
    const S3rver = requireCjs('s3rver') as S3rverConstructor;
    s3 = new S3rver({
      address: host,
      port: 0,
      silent: true,
      directory: s3Dir,
      vhostBuckets: false, // the backend uses path-style addressing
      resetOnClose: false,
      configureBuckets: [{ name: opts.bucket }], // created (or kept, if dataDir has it) before the server listens
    });
    const s3Address = await s3.run();

    const dynalite = requireCjs('dynalite') as DynaliteFactory;
    dynamo = dynalite({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const dynamoAddress = await listen(dynamo, host);

    const target: SandboxTarget = {
      kind: 'sandbox',
      s3Endpoint: endpointUrl(host, s3Address.port),
      dynamodbEndpoint: endpointUrl(host, dynamoAddress.port),
    };
    await ensureLockTable(target.dynamodbEndpoint, region, opts.lockTable);

    awsApi = awsApiStandIn(awsApiCalls);
    const awsApiAddress = await listen(awsApi, host);

    return {
      s3Endpoint: target.s3Endpoint,
      dynamodbEndpoint: target.dynamodbEndpoint,
      awsApiEndpoint: endpointUrl(host, awsApiAddress.port),
      awsApiCalls: () => [...awsApiCalls],
      bucket: opts.bucket,
      lockTable: opts.lockTable,
      region,
      dataDir,
      target,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A live process holds the data directory (its `sandbox.pid`). */
export class SandboxInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `${dataDir} is in use by another sandbox (pid ${pid}): stop that one, or give this one another data directory`,
    );
    this.name = 'SandboxInUseError';
  }
}

/** Writes `<dataDir>/sandbox.pid`; throws a SandboxInUseError if a live process already holds it. Returns its path. */
function claimDataDir(dataDir: string): string {
  const file = join(dataDir, 'sandbox.pid');
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new SandboxInUseError(dataDir, holder);
    }
    rmSync(file, { force: true }); // stale: its process is gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function endpointUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, host: string): Promise<AddressInfo> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolvePromise(server.address() as AddressInfo);
    });
  });
}

/** close() stops accepting and waits for connections to end; closeAllConnections() ends the keep-alive ones now. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    if (!server.listening) return resolvePromise();
    server.close((err) => (err ? reject(err) : resolvePromise()));
    server.closeAllConnections();
  });
}

async function closeS3rver(s3: S3rverInstance): Promise<void> {
  if (!s3.httpServer?.listening) return;
  const closing = s3.close();
  s3.httpServer.closeAllConnections();
  await closing;
}

/**
 * The AWS API stand-in: every request gets HTTP 400 with error code `SandboxHasNoAwsApi` in the protocol its service
 * speaks (the SDK then shows the message), and is recorded. A proxy request (CONNECT) is refused and recorded too, so
 * a test that also sets HTTPS_PROXY to this server can tell that nothing tried to leave the machine.
 */
function awsApiStandIn(calls: AwsApiCall[]): Server {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const service =
        /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'unknown';
      const target = req.headers['x-amz-target'];
      const action = /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
      const operation =
        (typeof target === 'string' ? target.split('.').pop() : undefined) ??
        action ??
        `${req.method} ${(req.url ?? '/').split('?')[0]}`;
      calls.push({ service, operation });
      const message =
        `the sandbox emulates only the state backend (S3 bucket, DynamoDB lock table); ${service} ${operation} ` +
        'needs a real AWS account';
      const code = SANDBOX_NO_AWS_API;
      const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      let type = 'application/json';
      let payload: string;
      if (typeof target === 'string') {
        payload = JSON.stringify({ __type: code, message }); // awsJson (DynamoDB, ECS, ECR, CloudWatch Logs, ...)
      } else if (service === 'ec2') {
        type = 'text/xml';
        payload = `<Response><Errors><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error></Errors><RequestID>sandbox</RequestID></Response>`;
      } else if (service === 's3') {
        type = 'application/xml';
        payload = `<Error><Code>${code}</Code><Message>${xml(message)}</Message><RequestId>sandbox</RequestId></Error>`;
      } else if (action !== undefined || service === 'route53' || service === 'cloudfront') {
        type = 'text/xml'; // query protocol (IAM, STS, ELB, RDS, ElastiCache, SNS, CloudWatch) and REST-XML
        payload = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>sandbox</RequestId></ErrorResponse>`;
      } else {
        payload = JSON.stringify({ message }); // REST-JSON (ACM, Lambda, ...): the code is in the header
      }
      res.writeHead(400, { 'content-type': type, 'x-amzn-errortype': code, 'x-amzn-requestid': 'sandbox' });
      res.end(payload);
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    calls.push({ service: 'proxy', operation: `CONNECT ${req.url ?? ''}` });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return server;
}

async function ensureLockTable(endpoint: string, region: string, table: string): Promise<void> {
  try {
    await dynamoDbCall(endpoint, region, 'CreateTable', {
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  } catch (error) {
    // A persistent dataDir already has it.
    if (!(error instanceof DynamoDbError && error.type === 'ResourceInUseException')) throw error;
  }
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Table } = await dynamoDbCall<{ Table: DescribedTable }>(endpoint, region, 'DescribeTable', {
      TableName: table,
    });
    const key = Table.KeySchema.map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
    if (key !== 'LockID:HASH') {
      throw new Error(`lock table ${table} has key schema ${key}; Terraform needs a LockID string hash key`);
    }
    if (Table.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`lock table ${table} still ${Table.TableStatus} after 10 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface DescribedTable {
  TableStatus: string;
  KeySchema: { AttributeName: string; KeyType: string }[];
}

// ---- small clients, for tests and scripts that inspect the sandbox ----

/** A DynamoDB item in wire format, e.g. `{ LockID: { S: '...' }, Digest: { S: '...' } }`. */
export type DynamoDbItem = Record<string, { S?: string; N?: string; B?: string; BOOL?: boolean }>;

export class DynamoDbError extends Error {
  constructor(
    /** e.g. `ResourceInUseException`, `ConditionalCheckFailedException` */
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
    this.name = 'DynamoDbError';
  }
}

/**
 * One DynamoDB JSON API call (`X-Amz-Target: DynamoDB_20120810.<operation>`), signed with SigV4 and the sandbox
 * credentials. Throws a `DynamoDbError` on an error response.
 */
export async function dynamoDbCall<T = Record<string, unknown>>(
  endpoint: string,
  region: string,
  operation: string,
  payload: object,
): Promise<T> {
  const body = JSON.stringify(payload);
  const url = new URL(endpoint);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${operation}`,
  };
  headers.authorization = signV4('POST', url, headers, body, region, 'dynamodb');
  const res = await httpCall('POST', url, headers, body);
  const text = res.body.toString('utf8');
  if (res.status >= 300) {
    let type = `HTTP ${res.status}`;
    let message = text;
    try {
      const parsed = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      type = parsed.__type?.split('#').pop() ?? type;
      message = parsed.message ?? parsed.Message ?? '';
    } catch {
      // not JSON
    }
    throw new DynamoDbError(type, message, res.status);
  }
  return JSON.parse(text) as T;
}

/** All items of the sandbox's lock table (Terraform's lock items and `-md5` digest items). */
export async function scanLockTable(s: Sandbox): Promise<DynamoDbItem[]> {
  const items: DynamoDbItem[] = [];
  let start: DynamoDbItem | undefined;
  do {
    const page: { Items?: DynamoDbItem[]; LastEvaluatedKey?: DynamoDbItem } = await dynamoDbCall(
      s.dynamodbEndpoint,
      s.region,
      'Scan',
      { TableName: s.lockTable, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) },
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The lock-table item with this `LockID`, or undefined. */
export async function getLockItem(s: Sandbox, lockId: string): Promise<DynamoDbItem | undefined> {
  const res = await dynamoDbCall<{ Item?: DynamoDbItem }>(s.dynamodbEndpoint, s.region, 'GetItem', {
    TableName: s.lockTable,
    Key: { LockID: { S: lockId } },
    ConsistentRead: true,
  });
  return res.Item;
}

/** GET `/<bucket>/<key>` from s3rver (path style, anonymous: s3rver serves unsigned reads). Undefined on 404. */
export async function getSandboxObject(s: Sandbox, key: string, bucket = s.bucket): Promise<Buffer | undefined> {
  const path = `/${[bucket, ...key.split('/')].map(encodeURIComponent).join('/')}`;
  const res = await httpCall('GET', new URL(path, s.s3Endpoint), {}, '');
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET ${path} from s3rver: HTTP ${res.status}: ${res.body.toString('utf8')}`);
  return res.body;
}

interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request on its own connection (no keep-alive agent, so nothing lingers once the servers stop). */
function httpCall(method: string, url: URL, headers: Record<string, string>, body: string): Promise<HttpResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** AWS Signature Version 4 for a request without query string (dynalite checks the form, not the signature). */
function signV4(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
  region: string,
  service: string,
): string {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  headers['x-amz-date'] = amzDate;
  const signed: Record<string, string> = { ...headers, host: url.host };
  const names = Object.keys(signed)
    .map((n) => n.toLowerCase())
    .sort();
  const canonicalHeaders = names.map((n) => `${n}:${String(signed[n]).trim()}\n`).join('');
  const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
  const canonicalRequest = [method, url.pathname || '/', '', canonicalHeaders, names.join(';'), sha256(body)].join(
    '\n',
  );
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  let key = hmac(`AWS4${SANDBOX_CREDENTIALS.secretKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${SANDBOX_CREDENTIALS.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}
