import { runSystemTool } from "./system-process";

const POSTER_TIMEOUT_MS = 30_000;
const MAX_FRAME_BYTES = 20 * 1024 * 1024;

/**
 * One frame of a video as PNG, from ffmpeg: a second in (past a fade from
 * black), or the first frame of a shorter clip; null when ffmpeg finds none.
 */
export async function videoPosterFrame(ffmpeg: string, videoPath: string): Promise<Buffer | null> {
  for (const at of ["1", "0"]) {
    const run = await runSystemTool(
      ffmpeg,
      [
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-ss",
        at,
        "-i",
        videoPath,
        "-frames:v",
        "1",
        "-vf",
        "scale='min(800,iw)':-2",
        "-f",
        "image2pipe",
        "-vcodec",
        "png",
        "pipe:1",
      ],
      {
        timeoutMs: POSTER_TIMEOUT_MS,
        memoryMb: 1024,
        env: { PATH: "/usr/local/bin:/usr/bin:/bin" },
        maxStdout: MAX_FRAME_BYTES,
      },
    );
    if (run.code === 0 && run.stdout.length > 0) return run.stdout;
    if (run.timedOut) return null;
  }
  return null;
}
