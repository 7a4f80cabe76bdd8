import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { propsFromContext } from './context.ts';
import { STACK_NAME } from './names.ts';
import { ProductsStack, type ProductsStackProps } from './products-stack.ts';

export { STACK_NAME } from './names.ts';

export type BuildAppOptions = AppProps & {
  /** Overrides for the stack on top of what the context says (tests pass a prebuilt bundle or another spec). */
  stack?: ProductsStackProps;
};

/**
 * The CDK app: the products stack, checked by cdk-nag's AwsSolutions rules during synthesis (an
 * unacknowledged finding fails `cdk synth`).
 * @example const { app } = buildApp(); app.synth();
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: ProductsStack } {
  const { stack: overrides, ...appProps } = options;
  const app = new App(appProps);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new ProductsStack(app, STACK_NAME, {
    description: 'Products API: openapi.yaml as a REST API, Cognito client_credentials scopes, DynamoDB and the products Lambda.',
    ...propsFromContext(app.node),
    ...overrides,
  });
  return { app, stack };
}
