import { listOperations, type OpenApiDocument, type Operation } from '@org/products-contract';

type Segment = { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** One resource (path template) of the API with its methods. */
export type Resource = { template: string; segments: Segment[]; methods: Map<string, Operation> };

/** A matched request: the operation, the resource template and the raw path parameters. */
export type RouteMatch = { operation: Operation; resource: Resource; pathParameters: Record<string, string> | null };

/**
 * Routes `(method, path)` to the spec's operations as API Gateway does: segment by segment, a
 * literal segment beats `{param}`, which beats `{proxy+}`; a path parameter is one non-empty
 * segment. An unknown path, or a known path without that method, matches nothing (AWS answers
 * 403 Missing Authentication Token for both).
 * @example const route = createRouter(spec)('GET', '/products/abc');
 */
export function createRouter(spec: OpenApiDocument): (method: string, path: string) => RouteMatch | undefined {
  const resources = new Map<string, Resource>();
  for (const op of listOperations(spec)) {
    let resource = resources.get(op.path);
    if (!resource) {
      resource = { template: op.path, segments: parseTemplate(op.path), methods: new Map() };
      resources.set(op.path, resource);
    }
    resource.methods.set(op.method.toUpperCase(), op);
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
    if (!best) return undefined;
    const operation = best.resource.methods.get(method.toUpperCase());
    if (!operation) return undefined;
    return { operation, resource: best.resource, pathParameters: Object.keys(best.params).length > 0 ? best.params : null };
  };
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
  const params: Record<string, string> = {};
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
