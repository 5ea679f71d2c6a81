/**
 * The first-boot script of a self-hosted MongoDB instance (Amazon Linux 2023). It holds no Terraform references
 * (every value is known at synth), so the module base64-encodes it itself and Terraform never parses it as a
 * template.
 */

export interface MongodbUserDataSettings {
  /** Resource-name prefix, also the S3 key prefix of the backups. */
  readonly name: string;
  /** AWS region for the CLI calls. */
  readonly region: string;
  /** MongoDB release series of the mongodb-org repository, e.g. `7.0`. */
  readonly mongoDbVersion: string;
  /** Device name the data volume is attached as, e.g. `/dev/sdf` (Amazon Linux links the NVMe device to it). */
  readonly dataDeviceName: string;
  /** Bucket the daily dumps go to. */
  readonly backupBucketName: string;
  /** Name of the Secrets Manager secret holding the admin and backup users' passwords. */
  readonly adminSecretName: string;
  /** UTC hour of the daily dump, 0-23. */
  readonly backupHourUtc: number;
}

/** The mount point of the data volume; mongod's dbPath is `<DATA_MOUNT>/mongodb`. */
export const DATA_MOUNT = '/data';

export function mongodbUserData(settings: MongodbUserDataSettings): string {
  const version = settings.mongoDbVersion;
  return `#!/bin/bash
# MongoDB ${version} on Amazon Linux 2023 with its data on a dedicated EBS volume (SelfHostedMongo module).
set -euo pipefail
REGION='${settings.region}'
DATA_DEVICE='${settings.dataDeviceName}'
BACKUP_BUCKET='${settings.backupBucketName}'
BACKUP_PREFIX='${settings.name}'
ADMIN_SECRET_ID='${settings.adminSecretName}'

# 1. Packages: mongodb-org from MongoDB's repository ($basearch is x86_64 or aarch64), cron for the backups.
cat > /etc/yum.repos.d/mongodb-org-${version}.repo <<'REPO'
[mongodb-org-${version}]
name=MongoDB Repository
baseurl=https://repo.mongodb.org/yum/amazon/2023/mongodb-org/${version}/$basearch/
gpgcheck=1
enabled=1
gpgkey=https://pgp.mongodb.com/server-${version}.asc
REPO
dnf install -y mongodb-mongosh-shared-openssl3 mongodb-org cronie xfsprogs

# 2. The data volume: wait for the attachment (Terraform attaches it after the instance starts; Amazon Linux's udev
#    rules link the NVMe device to its requested name), make a filesystem only when it has none (a replaced instance
#    keeps the data), mount it at ${DATA_MOUNT}.
DEVICE=''
for attempt in $(seq 1 120); do
  if [ -b "$DATA_DEVICE" ]; then DEVICE=$(readlink -f "$DATA_DEVICE"); break; fi
  sleep 5
done
if [ -z "$DEVICE" ]; then echo "data volume $DATA_DEVICE was not attached after 10 minutes" >&2; exit 1; fi
blkid "$DEVICE" > /dev/null || mkfs.xfs -L mongodb-data "$DEVICE"
mkdir -p ${DATA_MOUNT}
grep -q 'LABEL=mongodb-data' /etc/fstab || echo 'LABEL=mongodb-data ${DATA_MOUNT} xfs defaults,noatime,nofail 0 2' >> /etc/fstab
systemctl daemon-reload
mountpoint -q ${DATA_MOUNT} || mount ${DATA_MOUNT}
mkdir -p ${DATA_MOUNT}/mongodb
chown -R mongod:mongod ${DATA_MOUNT}/mongodb

# 3. mongod: every interface (the security group decides who connects), authorization on.
cat > /etc/mongod.conf <<'CONF'
storage:
  dbPath: ${DATA_MOUNT}/mongodb
systemLog:
  destination: file
  logAppend: true
  path: /var/log/mongodb/mongod.log
processManagement:
  timeZoneInfo: /usr/share/zoneinfo
net:
  port: 27017
  bindIp: 0.0.0.0
security:
  authorization: enabled
CONF
systemctl enable mongod
systemctl restart mongod
for attempt in $(seq 1 60); do
  if mongosh --quiet --eval 'db.runCommand({ ping: 1 }).ok' > /dev/null 2>&1; then break; fi
  sleep 2
done

# 4. First boot only (the secret has no value yet): an admin (root) and a backup user with generated passwords,
#    created through the localhost exception. The passwords go to Secrets Manager first, so they are never lost.
secret_value() {
  aws secretsmanager get-secret-value --region "$REGION" --secret-id "$ADMIN_SECRET_ID" --query SecretString --output text
}
umask 077
if ! secret_value > /dev/null 2>&1; then
  ADMIN_PASSWORD=$(openssl rand -hex 24)
  BACKUP_PASSWORD=$(openssl rand -hex 24)
  printf '{"username":"admin","password":"%s","backupUsername":"backup","backupPassword":"%s"}' \\
    "$ADMIN_PASSWORD" "$BACKUP_PASSWORD" > /root/mongodb-users.json
  aws secretsmanager put-secret-value --region "$REGION" --secret-id "$ADMIN_SECRET_ID" \\
    --secret-string file:///root/mongodb-users.json
  cat > /root/mongodb-users.js <<USERS
const admin = db.getSiblingDB('admin');
admin.createUser({ user: 'admin', pwd: '$ADMIN_PASSWORD', roles: ['root'] });
admin.auth('admin', '$ADMIN_PASSWORD');
admin.createUser({ user: 'backup', pwd: '$BACKUP_PASSWORD', roles: ['backup'] });
USERS
  mongosh --quiet mongodb://127.0.0.1:27017/admin /root/mongodb-users.js
  rm -f /root/mongodb-users.js /root/mongodb-users.json
fi

# 5. Daily logical backup: mongodump as the backup user, streamed to S3 (the instance may only PutObject there).
BACKUP_PASSWORD=$(secret_value | python3 -c 'import json, sys; print(json.load(sys.stdin)["backupPassword"])')
printf 'password: %s\\n' "$BACKUP_PASSWORD" > /etc/mongodb-backup.yaml
cat > /etc/mongodb-backup.env <<ENV
BACKUP_BUCKET=$BACKUP_BUCKET
BACKUP_PREFIX=$BACKUP_PREFIX
REGION=$REGION
ENV
cat > /usr/local/bin/mongodb-backup <<'BACKUP'
#!/bin/bash
set -uo pipefail
. /etc/mongodb-backup.env
KEY="$BACKUP_PREFIX/$(date -u +%Y/%m/%d/%H%M%SZ).archive.gz"
if mongodump --config=/etc/mongodb-backup.yaml --host=127.0.0.1 --port=27017 --username=backup \\
  --authenticationDatabase=admin --archive --gzip --quiet \\
  | aws s3 cp - "s3://$BACKUP_BUCKET/$KEY" --region "$REGION" --sse AES256 --only-show-errors; then
  echo "$(date -u) backup written to s3://$BACKUP_BUCKET/$KEY"
else
  # The object may hold a partial dump: a marker next to it says so.
  echo "mongodump or upload failed" | aws s3 cp - "s3://$BACKUP_BUCKET/$KEY.FAILED" --region "$REGION" --only-show-errors
  echo "$(date -u) backup FAILED: s3://$BACKUP_BUCKET/$KEY" >&2
  exit 1
fi
BACKUP
chmod 700 /usr/local/bin/mongodb-backup
echo '0 ${settings.backupHourUtc} * * * root /usr/local/bin/mongodb-backup >> /var/log/mongodb-backup.log 2>&1' > /etc/cron.d/mongodb-backup
chmod 644 /etc/cron.d/mongodb-backup
systemctl enable --now crond
`;
}
