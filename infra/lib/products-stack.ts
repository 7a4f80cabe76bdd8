import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { listOperations, loadSpec, resourceServerOf, type OpenApiDocument } from '@org/products-contract';
import { productsTable } from '@org/products-service';
import { bundleHandler, esbuildTarget } from './bundle.ts';
import { InfraError } from './errors.ts';
import { pascal } from './names.ts';
import { ProductsMonitoring } from './monitoring.ts';
import { POWERTOOLS_ENVIRONMENT } from './observability.ts';
import { apiDefinitionOf, appClientsOf, specHash, throttlingOf, tokenUrlOf } from './spec.ts';

export { pascal } from './names.ts';

/**
 * The DynamoDB actions the products service calls (its repository: Scan, PutItem, GetItem, UpdateItem,
 * DeleteItem), and nothing more: the function's only access to the table.
 */
export const SERVICE_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Scan',
] as const;

/** Where the app bundles the handler when no prebuilt bundle is given (ignored by git). */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(new URL('../.build/handler', import.meta.url));

export type ProductsStackProps = StackProps & {
  /** The API Gateway stage name; default `dev`. */
  stageName?: string;
  /** The Cognito domain prefix (unique per region across AWS); default `products-api-<account id>`. */
  domainPrefix?: string;
  /** A folder holding the bundled handler (`index.mjs`); default: bundled during synthesis into `.build/handler`. */
  handlerBundleDir?: string;
  /** The contract; default the workspace's openapi.yaml (`loadSpec()`). */
  spec?: OpenApiDocument;
  /** Lifetime of the app clients' access tokens (Cognito allows 5 minutes to 1 day); default 60 minutes. */
  accessTokenValidity?: Duration;
  /** How long the function's logs and the API's access logs are kept; default one month. */
  logRetention?: logs.RetentionDays;
  /** What stack deletion does to the table, the user pool and the log groups; default RETAIN. */
  removalPolicy?: RemovalPolicy;
  /** Stage throttling: steady requests per second across the stage; default `x-products-throttling.rateLimit` of the spec. */
  throttlingRateLimit?: number;
  /** Stage throttling: burst size; default `x-products-throttling.burstLimit` of the spec. */
  throttlingBurstLimit?: number;
  /** The ARN of a REGIONAL WAFv2 web ACL to associate with the stage; default none. */
  webAclArn?: string;
  /**
   * Opt-in: create the account-wide role API Gateway writes logs with and make it the account's setting
   * (`AWS::ApiGateway::Account`, which replaces the role every other API in the region uses); default false:
   * the account must already have one (infra/README.md, first deploy).
   */
  apiGatewayCloudWatchRole?: boolean;
  /** Where alarm notifications are mailed (an SNS topic with an email subscription); default none. */
  alarmEmail?: string;
};

/**
 * The walkthrough's Steps 1 to 3 as one stack: a Cognito user pool for machine clients (domain, the spec's
 * resource server and scopes, client_credentials app clients), the products table, the products Lambda and
 * openapi.yaml imported as a REST API whose authorizer and scopes live only in the spec.
 * @example new ProductsStack(app, 'ProductsApi', { stageName: 'dev', domainPrefix: 'my-products' });
 */
export class ProductsStack extends Stack {
  /** The REST API imported from openapi.yaml. */
  readonly api: apigateway.SpecRestApi;
  /** The user pool whose access tokens the API accepts. */
  readonly userPool: cognito.UserPool;
  /** The products table. */
  readonly table: dynamodb.Table;
  /** The products Lambda. */
  readonly fn: lambda.Function;
  /** The app clients by name (`products-admin`, `products-reader`). */
  readonly clients: Record<string, cognito.UserPoolClient>;
  /** SHA-256 of the spec the API was imported from. */
  readonly specSha256: string;
  /** The alarms, the optional alarm topic and the dashboard. */
  readonly monitoring: ProductsMonitoring;

  constructor(scope: Construct, id: string, props: ProductsStackProps = {}) {
    super(scope, id, props);
    const spec = props.spec ?? loadSpec();
    const stageName = props.stageName ?? 'dev';
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    this.specSha256 = specHash(spec);

    // --- Step 1: the user pool, its domain, the resource server and the app clients -----------------
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Machine clients only: nobody signs up or signs in with a password.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      accountRecovery: cognito.AccountRecovery.NONE,
      // Should a human user ever be added by an administrator, these apply (they cost nothing otherwise).
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus plan adds threat protection for user sign-ins (compromised credentials, adaptive authentication). ' +
        'This pool has no users: it only issues client_credentials tokens to confidential app clients, which threat ' +
        'protection does not evaluate, so Plus would add cost without protecting anything.',
    });

    const domainPrefix = props.domainPrefix ?? `products-api-${Aws.ACCOUNT_ID}`;
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix } });

    const server = resourceServerOf(spec);
    const scopeObjects = new Map(
      Object.entries(server.scopes).map(([scopeName, scopeDescription]) => [
        `${server.identifier}/${scopeName}`,
        new cognito.ResourceServerScope({ scopeName, scopeDescription }),
      ]),
    );
    const resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: server.identifier,
      userPoolResourceServerName: server.name,
      scopes: [...scopeObjects.values()],
    });

    this.clients = {};
    for (const client of appClientsOf(spec)) {
      this.clients[client.name] = this.userPool.addClient(pascal(client.name), {
        userPoolClientName: client.name,
        // client_credentials needs a confidential client; the secret is never an output (see the README).
        generateSecret: true,
        // Flows and scopes always explicit: the defaults would enable the code and implicit grants.
        oAuth: {
          flows: { clientCredentials: true },
          scopes: client.scopes.map((s) => cognito.OAuthScope.resourceServer(resourceServer, scopeObjects.get(s)!)),
        },
        authFlows: { user: false, userPassword: false, userSrp: false, adminUserPassword: false, custom: false },
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        accessTokenValidity: props.accessTokenValidity ?? Duration.minutes(60),
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
      });
    }

    // --- Step 2: the table and the function ------------------------------------------------------------
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: productsTable.partitionKey.name, type: attributeType(productsTable.partitionKey.type) },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });

    const runtime = lambda.determineLatestNodeRuntime(this);
    const bundleDir =
      props.handlerBundleDir ?? bundleHandler({ outdir: DEFAULT_BUNDLE_DIR, target: esbuildTarget(runtime.name) }).outdir;
    const functionLogs = new logs.LogGroup(this, 'FunctionLogs', { retention, removalPolicy });
    // An own role instead of the default one: the default attaches AWSLambdaBasicExecutionRole, which may
    // write to any log group; this one may write to the function's log group and use the table, no more.
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'The products Lambda: writes its own log group, reads and writes the products table.',
    });
    functionLogs.grantWrite(role);
    this.table.grant(role, ...SERVICE_TABLE_ACTIONS);

    this.fn = new lambda.Function(this, 'Function', {
      description: 'The products service behind every operation of openapi.yaml.',
      runtime,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(bundleDir),
      handler: 'index.handler',
      memorySize: 512,
      // Below API Gateway's 29 s integration timeout, so a slow call ends as the function's error, not a 504.
      timeout: Duration.seconds(10),
      // Powertools reads its service name, metrics namespace and log level from here (one setting: observability.ts).
      environment: { TABLE_NAME: this.table.tableName, ...POWERTOOLS_ENVIRONMENT },
      // X-Ray: the function's segment joins the stage's trace; the SDK's DynamoDB calls when the service traces them.
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup: functionLogs,
    });

    // --- Step 3: openapi.yaml as the REST API ---------------------------------------------------------
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention, removalPolicy });
    const definition = apiDefinitionOf(spec, {
      'AWS::Region': Stack.of(this).region,
      // The partition from CloudFormation, not `aws`: the same template deploys to aws-us-gov (and aws-cn).
      'AWS::Partition': Stack.of(this).partition,
      UserPoolArn: this.userPool.userPoolArn,
      ProductsFunctionArn: this.fn.functionArn,
    });
    const throttling = throttlingOf(spec);
    const cloudWatchRole = props.apiGatewayCloudWatchRole ?? false;
    this.api = new apigateway.SpecRestApi(this, 'Api', {
      restApiName: typeof spec.info.title === 'string' ? spec.info.title : id,
      // fromInline, not fromAsset: only an inline definition has its CDK tokens (pool and function ARNs) resolved.
      apiDefinition: apigateway.ApiDefinition.fromInline(definition),
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Import parameters: the spec's first server URL ends in /{stage}, which must not become a base path.
      parameters: { basepath: 'ignore', endpointConfigurationTypes: 'REGIONAL' },
      // Account-wide, so opt-in only (see the prop and the README's first deploy).
      cloudWatchRole,
      deployOptions: {
        stageName,
        description: `openapi.yaml sha256 ${this.specSha256}`,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Never log request or response bodies: they would put products and tokens' claims in the logs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        // From openapi.yaml's x-products-throttling, which the local stack's emulator applies as well.
        throttlingRateLimit: props.throttlingRateLimit ?? throttling.rateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit ?? throttling.burstLimit,
      },
    });
    const account = this.api.node.tryFindChild('Account');
    if (account) {
      // IAM propagation (aws-cdk#2194): the Account update fails when API Gateway cannot assume the new role
      // yet. Waiting for the table and the function, which take tens of seconds, leaves it that time.
      account.node.addDependency(this.table, this.fn);
    }
    // The construct's own `Endpoint` output ends in a slash; `InvokeUrl` below is the one to use.
    this.api.node.tryRemoveChild('Endpoint');
    // A deployment is immutable: tie its logical id to the spec so a changed spec always deploys (aws-cdk #8159).
    // aws-cdk-lib 2.276 already hashes the RestApi's properties (the body included) into it; this keeps the
    // guarantee explicit should that change (test/variant.test.ts checks the outcome, not the mechanism).
    this.api.latestDeployment?.addToLogicalId({ openapiSha256: this.specSha256 });

    // SpecRestApi adds no permission for integrations written in the spec: allow this API's stage to invoke.
    this.fn.addPermission('ApiGatewayInvoke', {
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: this.api.arnForExecuteApi('*', '/*', stageName),
    });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Request validation is declared in openapi.yaml (x-amazon-apigateway-request-validators "all" and ' +
        '"params-only", one on every operation) and imported with the API; the rule only recognises a separate ' +
        'AWS::ApiGateway::RequestValidator resource. The infra tests check every operation has a validator.',
    });
    if (props.webAclArn) {
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    } else {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF by default: every operation requires a Cognito access token with the right scope, and stage ' +
          'throttling bounds the request rate. A web ACL costs a monthly fee plus per request; deployments that ' +
          'need IP or rate rules pass -c webAclArn=<arn> and the stage is associated with it.',
      });
    }
    if (cloudWatchRole) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The account-level role API Gateway assumes to write access and execution logs (required by APIG1 and ' +
          'APIG6) uses the AWS managed policy AWS documents for exactly that role; it only grants CloudWatch Logs ' +
          'actions and is maintained by AWS as the service evolves.',
      });
    }

    // --- Operations: tracing's permissions, alarms, the dashboard ---------------------------------------
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing lets the function send trace segments: xray:PutTraceSegments and xray:PutTelemetryRecords ' +
        'support no resource-level permissions, so AWS documents Resource "*" for them. The role\'s other ' +
        'statements (its log group, the table) name their resources.',
    });
    this.monitoring = new ProductsMonitoring(this, 'Monitoring', {
      apiName: this.api.restApiName,
      stageName,
      fn: this.fn,
      table: this.table,
      tableOperations: SERVICE_TABLE_ACTIONS.map((a) => a.replace(/^dynamodb:/, '')),
      operationIds: listOperations(spec).map((op) => op.operationId),
      functionLogs,
      accessLogs,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      removalPolicy,
    });

    // --- Outputs: where to call and how to get a token; never a secret ----------------------------------
    new CfnOutput(this, 'InvokeUrl', {
      description: 'The API base URL (stage included, no trailing slash).',
      value: `https://${this.api.restApiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}/${stageName}`,
    });
    new CfnOutput(this, 'TokenUrl', {
      description: 'The Cognito token endpoint (client_credentials).',
      value: tokenUrlOf(spec, { domainPrefix, region: Stack.of(this).region }),
    });
    new CfnOutput(this, 'UserPoolId', { description: 'The user pool id.', value: this.userPool.userPoolId });
    new CfnOutput(this, 'Issuer', {
      description: 'The issuer of the access tokens.',
      value: this.userPool.userPoolProviderUrl,
    });
    for (const [name, client] of Object.entries(this.clients)) {
      new CfnOutput(this, `${pascal(name)}ClientId`, {
        description: `The client id of the ${name} app client (read its secret with the AWS CLI, see the README).`,
        value: client.userPoolClientId,
      });
    }
    new CfnOutput(this, 'TableName', { description: 'The products table.', value: this.table.tableName });
  }
}

function attributeType(type: string): dynamodb.AttributeType {
  const known = Object.values(dynamodb.AttributeType) as string[];
  if (!known.includes(type)) {
    throw new InfraError('bad_spec', `Key attribute type "${type}" is not a DynamoDB key type (${known.join(', ')}).`);
  }
  return type as dynamodb.AttributeType;
}

// One JSON object per request. Who called (the app client id from the token), what and how it ended, and the
// ids that lead to the function's log lines and the X-Ray trace. No header, and no error message: API
// Gateway's $context.error.message can quote the Authorization header (the SigV4 parser's 403 for a
// non-SigV4 header on an unknown route), so only the error's type is logged.
function accessLogFormat(): apigateway.AccessLogFormat {
  const F = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: F.contextRequestId(),
      extendedRequestId: F.contextExtendedRequestId(),
      requestTime: F.contextRequestTime(),
      sourceIp: F.contextIdentitySourceIp(),
      httpMethod: F.contextHttpMethod(),
      resourcePath: F.contextResourcePath(),
      path: F.contextPath(),
      protocol: F.contextProtocol(),
      status: F.contextStatus(),
      responseLength: F.contextResponseLength(),
      responseLatency: F.contextResponseLatency(),
      integrationLatency: F.contextIntegrationLatency(),
      integrationStatus: F.contextIntegrationStatus(),
      clientId: F.contextAuthorizerClaims('client_id'),
      errorType: F.contextErrorResponseType(),
      // The Lambda request id (the service's awsRequestId) and the trace, for the runbook's queries.
      lambdaRequestId: F.contextAwsEndpointRequestId(),
      xrayTraceId: F.contextXrayTraceId(),
    }),
  );
}
