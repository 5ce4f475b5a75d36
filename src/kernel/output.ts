/**
 * Captures what an execution prints. console.* and libraries both end in process.stdout/stderr
 * .write, so patching those two writes catches everything, formatted exactly as Node formats it
 * (util.format; log/info/debug on stdout, warn/error on stderr). Each write is forwarded at once,
 * so output streams while the cell runs rather than arriving at the end.
 */
export type StreamName = 'stdout' | 'stderr';
export type OutputSink = (name: StreamName, text: string) => void;

type Write = typeof process.stdout.write;

export class OutputCapture {
  /** Where writes go now; null sends them to the real stream (no execution is running). */
  sink: OutputSink | null = null;

  private readonly originals = new Map<StreamName, Write>();

  /** Writes to the real stream, bypassing the sink (output that belongs to no running execution). */
  writeThrough(name: StreamName, text: string): void {
    this.originals.get(name)?.(text);
  }

  install(): void {
    this.patch(process.stdout, 'stdout');
    this.patch(process.stderr, 'stderr');
  }

  private patch(stream: NodeJS.WriteStream, name: StreamName): void {
    const original = stream.write.bind(stream) as Write;
    this.originals.set(name, original);
    const write = (chunk: Uint8Array | string, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
      const sink = this.sink;
      if (!sink) return original(chunk, encodingOrCallback as BufferEncoding, callback);
      const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
      sink(name, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(encoding ?? 'utf8'));
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (done) process.nextTick(done);
      return true;
    };
    stream.write = write as Write;
  }
}

/** Past this many characters per execution, further output is dropped (with one note saying so). */
export const MAX_STREAM_CHARS = 2_000_000;
/** Writes closer together than this are sent as one message (a print loop must not flood the host). */
const COALESCE_MS = 30;
const COALESCE_CHARS = 16_384;

/**
 * Joins bursts of writes to the same stream into one message, and bounds an execution's output.
 * Flushes when the stream changes, when the pending text is large, when the last send is COALESCE_MS
 * old, on a short timer, and before any other event of the execution (so order is kept).
 */
export class StreamCoalescer {
  private pendingName: StreamName | undefined;
  private pending = '';
  private sentChars = 0;
  private lastFlush = 0;
  private timer: NodeJS.Timeout | undefined;
  private truncated = false;

  constructor(private readonly emit: OutputSink) {}

  write(name: StreamName, text: string): void {
    if (this.truncated) return;
    if (this.sentChars + this.pending.length + text.length > MAX_STREAM_CHARS) {
      const room = Math.max(0, MAX_STREAM_CHARS - this.sentChars - this.pending.length);
      this.append(name, text.slice(0, room));
      this.append(name, `\n… (output truncated: this cell printed more than ${MAX_STREAM_CHARS.toLocaleString('en-US')} characters; the rest is not shown)\n`);
      this.truncated = true;
      this.flush();
      return;
    }
    this.append(name, text);
    if (this.pending.length >= COALESCE_CHARS || Date.now() - this.lastFlush >= COALESCE_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingName && this.pending) {
      this.sentChars += this.pending.length;
      this.emit(this.pendingName, this.pending);
    }
    this.pending = '';
    this.pendingName = undefined;
    this.lastFlush = Date.now();
  }

  private append(name: StreamName, text: string): void {
    if (this.pendingName !== undefined && this.pendingName !== name) this.flush();
    this.pendingName = name;
    this.pending += text;
  }
}
