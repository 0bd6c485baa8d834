import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

export interface ToolRunOptions {
  /** The program and every child it starts are killed past this. */
  timeoutMs: number;
  /** Address-space limit (`ulimit -v`), when set. */
  memoryMb?: number;
  env: Record<string, string>;
  /** Most bytes of standard output kept (the rest is dropped); 0 ignores it. */
  maxStdout?: number;
}

export interface ToolRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: Buffer;
  stderr: string;
}

const MAX_STDERR = 8192;

/**
 * Runs a system program (LibreOffice, ffmpeg) on an uploaded file: in a
 * process group of its own so a timeout kills it with every child it
 * started, under an optional memory limit, with a fixed environment.
 * Never rejects for the program's own failure: the caller reads the result.
 */
export function runSystemTool(command: string, args: string[], opts: ToolRunOptions): Promise<ToolRun> {
  const argv =
    opts.memoryMb === undefined
      ? [command, ...args]
      : // sh sets the limit, then becomes the program
        [
          "/bin/sh",
          "-c",
          'ulimit -v "$1" && shift && exec "$@"',
          "sh",
          String(opts.memoryMb * 1024),
          command,
          ...args,
        ];
  return new Promise((resolve, reject) => {
    const options: SpawnOptions = {
      detached: true,
      stdio: ["ignore", opts.maxStdout ? "pipe" : "ignore", "pipe"],
      // a fixed environment, not the server's; typed as ProcessEnv, which some setups widen with required keys
      env: { ...opts.env } as NodeJS.ProcessEnv,
    };
    const child: ChildProcess = spawn(argv[0] ?? command, argv.slice(1), options);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout?.on("data", (chunk: Buffer) => {
      if (stdoutBytes >= (opts.maxStdout ?? 0)) return;
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString("utf8");
    });
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is gone already
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(); // whatever it left running goes with it
      resolve({ code, signal, timedOut, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

/** The last line of a program's stderr that says something, without known start-up chatter. */
export function lastMeaningfulLine(stderr: string, noise?: RegExp): string | undefined {
  return stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !noise?.test(l))
    .at(-1)
    ?.slice(0, 300);
}
