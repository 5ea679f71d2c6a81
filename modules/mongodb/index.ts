/**
 * MongoDB for an application on AWS, two ways:
 *
 * | construct         | where                                  | stack                                   |
 * | ----------------- | -------------------------------------- | --------------------------------------- |
 * | `AtlasCluster`    | MongoDB Atlas, dedicated replica set    | companion stack: mongodbatlas+random+aws |
 * | `SelfHostedMongo` | one EC2 instance in a private subnet    | the AWS stack (aws provider only)        |
 */
export * from './atlas-cluster';
export * from './self-hosted';
export { DATA_MOUNT, mongodbUserData, type MongodbUserDataSettings } from './user-data';
