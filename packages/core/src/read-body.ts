// Stage "read body": a request body read into memory only up to a limit, so an oversized or endless
// body can never grow the process.

/**
 * The body's bytes, or `undefined` as soon as it exceeds `limit` bytes (the rest is not read). A
 * declared Content-Length over the limit fails before reading anything.
 * @example const bytes = await readLimited(request, 10 * 1024 * 1024); if (!bytes) return tooLarge();
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
