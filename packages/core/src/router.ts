// Stage "route": the request's method and path → an operation of the contract, as API Gateway
// routes a REST API.
import type { ContractModel, OperationModel } from './model.ts';
import { dict } from './util.ts';

type Segment = { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

type Resource = { template: string; segments: Segment[]; methods: Map<string, OperationModel> };

/** A matched request: the operation, its resource template and the raw path parameters. */
export type RouteMatch = { operation: OperationModel; resource: string; pathParameters: Record<string, string> | null };

/** Why nothing matched: no resource for the path, or a resource without that method. */
export type RouteMiss = { operation?: undefined; resource: string | null };

/**
 * Routes `(method, path)` as API Gateway does: segment by segment, a literal segment beats
 * `{param}`, which beats `{proxy+}`; a path parameter is one non-empty segment. An unknown path, or a
 * known path without that method, matches nothing (AWS answers 403 for both).
 * @example const route = createRouter(model); route('GET', '/products/abc')
 */
export function createRouter(model: ContractModel): (method: string, path: string) => RouteMatch | RouteMiss {
  const resources = new Map<string, Resource>();
  for (const op of model.operations) {
    let resource = resources.get(op.path);
    if (!resource) {
      resource = { template: op.path, segments: parseTemplate(op.path), methods: new Map() };
      resources.set(op.path, resource);
    }
    resource.methods.set(op.method, op);
  }
  const all = [...resources.values()];

  return (method, path) => {
    const parts = path === '/' ? [] : path.slice(1).split('/');
    let best: { resource: Resource; params: Record<string, string>; rank: number[] } | undefined;
    for (const resource of all) {
      const matched = match(resource.segments, parts);
      if (!matched) continue;
      if (!best || compareRank(matched.rank, best.rank) < 0) best = { resource, ...matched };
    }
    if (!best) return { resource: null };
    // Map.get with a request-controlled method name is safe (no prototype lookup).
    const operation = best.resource.methods.get(method.toUpperCase());
    if (!operation) return { resource: best.resource.template };
    return { operation, resource: best.resource.template, pathParameters: Object.keys(best.params).length > 0 ? best.params : null };
  };
}

/**
 * Routes a request path as API Gateway does, including its one normalisation: a trailing slash
 * (`/products/`) reaches the resource without it (reported; the event's `path` keeps the slash).
 * @example routeRequest(createRouter(model), 'GET', '/products/') // the listProducts match
 */
export function routeRequest(router: (method: string, path: string) => RouteMatch | RouteMiss, method: string, path: string): RouteMatch | RouteMiss {
  const routed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path || '/';
  return router(method, routed);
}

function parseTemplate(template: string): Segment[] {
  if (template === '/') return [];
  return template
    .slice(1)
    .split('/')
    .map((s): Segment => {
      const greedy = /^\{(.+)\+\}$/.exec(s);
      if (greedy) return { kind: 'greedy', name: greedy[1]! };
      const param = /^\{(.+)\}$/.exec(s);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'static', value: s };
    });
}

/** rank[i] = 0 literal, 1 parameter, 2 greedy: lower is more specific. */
function match(segments: Segment[], parts: string[]): { params: Record<string, string>; rank: number[] } | undefined {
  const params = dict<string>();
  const rank: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === '')) return undefined;
      params[segment.name] = rest.join('/');
      rank.push(2);
      return { params, rank };
    }
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'static') {
      if (segment.value !== part) return undefined;
      rank.push(0);
    } else {
      params[segment.name] = part;
      rank.push(1);
    }
  }
  return parts.length === segments.length ? { params, rank } : undefined;
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
