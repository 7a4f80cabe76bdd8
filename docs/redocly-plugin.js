// @ts-check
// Redocly plugin `products-docs`: the decorators that turn openapi.yaml into the public spec
// (docs/dist/openapi.public.yaml) when `redocly bundle public` runs; wired in ../redocly.yaml.
// Enter hooks read the spec as openapi.yaml has it; everything they need from the extensions is
// removed only on leave, so the decorators do not depend on each other's order.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { renderGuide } from './src/guide.js';
import { addCodeSamples, DocsBuildError, dropResourceServers, isObject, renameSecurityScheme, stripAmazonApiGateway, toClientCredentials } from './src/public-spec.js';

/** The guide's sections, in page order. */
export const GUIDE_SECTIONS = ['overview.md', 'authentication.md', 'errors.md'];
const contentUrl = (/** @type {string} */ name) => new URL(`./content/${name}`, import.meta.url);

/**
 * Reads the guide's prose from docs/content.
 * @example renderGuide(spec, loadGuideSources())
 */
export function loadGuideSources() {
  const hintsUrl = contentUrl('error-codes.yaml');
  /** @type {unknown} */
  let hints;
  try {
    hints = parse(readFileSync(hintsUrl, 'utf8'));
  } catch (cause) {
    throw new DocsBuildError('docs_bad_error_hints', `${hintsUrl.pathname} is not valid YAML (quote values that contain ": "): ${/** @type {Error} */ (cause).message}`, { cause });
  }
  if (!isObject(hints) || !Object.values(hints).every((v) => typeof v === 'string')) {
    throw new DocsBuildError('docs_bad_error_hints', `${hintsUrl.pathname} must map each error code to one string.`);
  }
  return {
    sections: GUIDE_SECTIONS.map((name) => readFileSync(contentUrl(name), 'utf8')),
    errorHints: /** @type {Record<string, string>} */ (hints),
    complete: true,
  };
}

/**
 * The plugin object Redocly loads from `plugins:` in redocly.yaml.
 * @example // redocly.yaml: plugins: [./docs/redocly-plugin.js]; decorators: { products-docs/guide: on }
 */
export default function productsDocsPlugin() {
  return {
    id: 'products-docs',
    decorators: {
      oas3: {
        /** Overview, authentication guide and error catalogue into `info.description`. */
        guide: () => ({
          Root: {
            enter(/** @type {any} */ root) {
              root.info.description = renderGuide(root, loadGuideSources());
            },
          },
        }),
        /** A curl sample on every operation. */
        'code-samples': () => ({
          Root: {
            enter(/** @type {any} */ root) {
              addCodeSamples(root);
            },
          },
        }),
        /**
         * The Cognito authorizer as an OAuth2 client-credentials scheme; with `schemeName`, shown
         * under that name (redocly.yaml: `products-docs/oauth2-client-credentials: { schemeName: OAuth2 }`).
         */
        'oauth2-client-credentials': (/** @type {{ schemeName?: unknown }} */ options = {}) => ({
          Root: {
            enter(/** @type {any} */ root) {
              const converted = toClientCredentials(root);
              if (options.schemeName === undefined) return;
              if (typeof options.schemeName !== 'string' || converted.length !== 1) {
                throw new DocsBuildError(
                  'docs_bad_scheme_name',
                  `products-docs/oauth2-client-credentials: schemeName must be a string and openapi.yaml must have exactly one Cognito scheme to rename (found ${converted.length}: ${converted.join(', ')}).`,
                );
              }
              renameSecurityScheme(root, /** @type {string} */ (converted[0]), options.schemeName);
            },
            leave(/** @type {any} */ root) {
              dropResourceServers(root);
            },
          },
        }),
        /** No `x-amazon-apigateway-*` key anywhere. */
        'strip-amazon-apigateway': () => ({
          Root: {
            leave(/** @type {any} */ root) {
              stripAmazonApiGateway(root);
            },
          },
        }),
      },
    },
  };
}
