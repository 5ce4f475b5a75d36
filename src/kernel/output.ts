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

  install(): void {
    this.patch(process.stdout, 'stdout');
    this.patch(process.stderr, 'stderr');
  }

  private patch(stream: NodeJS.WriteStream, name: StreamName): void {
    const original = stream.write.bind(stream) as Write;
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
