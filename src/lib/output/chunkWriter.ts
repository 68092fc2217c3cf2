/** Enough to fill a network write, not a whole document. */
export const CHUNK_BYTES = 64 * 1024;
/** The most bytes UTF-8 takes for one UTF-16 code unit. */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Text written into buffers of `chunkBytes`, each handed out once full (a piece too long for one
 * buffer is handed out alone), for a response stream. A sitemap of 10,000 articles is 9.8 MB in about
 * 200,000 pieces. Joined into strings first, those pieces made ropes that V8 had to flatten before the
 * stream could encode them: a third of the sitemap's CPU (347 ms in all, 258 with `join`). Encoded one
 * by one where they go, the whole sitemap takes 140 ms.
 */
export class ChunkWriter {
  private buffer: Buffer;
  private used = 0;
  private readonly ready: Buffer[] = [];

  constructor(private readonly chunkBytes = CHUNK_BYTES) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  readonly write = (text: string): void => {
    const room = text.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.used + room > this.chunkBytes) {
      this.flush();
      if (room > this.chunkBytes) {
        this.ready.push(Buffer.from(text));
        return;
      }
    }
    // UTF-8 by default; naming the encoding sends every call through Node's encoding lookup (276 ms against 140).
    this.used += this.buffer.write(text, this.used);
  };

  /** Hands out what is written so far, even if the buffer is not full. */
  flush(): void {
    if (this.used === 0) return;
    this.ready.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
  }

  /** The full buffers not yet handed out. */
  take(): Buffer[] {
    return this.ready.splice(0);
  }
}
