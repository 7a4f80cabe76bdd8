import { fileURLToPath } from 'node:url';

/** What the build writes, and what the tests read. */
export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
export const PUBLIC_SPEC = fileURLToPath(new URL('../dist/openapi.public.yaml', import.meta.url));
export const PAGE = fileURLToPath(new URL('../dist/index.html', import.meta.url));
