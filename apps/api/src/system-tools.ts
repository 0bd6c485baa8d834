import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** Optional programs from the system's packages that the server uses when they are there. */
export interface SystemTool {
  /** The variable that overrides the lookup; "off" turns the tool off. */
  variable: "SOFFICE_PATH" | "FFMPEG_PATH";
  names: string[];
  /** Where packages put it when PATH does not say (Debian, the LibreOffice tarball, macOS). */
  knownPaths: string[];
}

export const LIBREOFFICE: SystemTool = {
  variable: "SOFFICE_PATH",
  names: ["soffice", "libreoffice"],
  knownPaths: [
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ],
};

export const FFMPEG: SystemTool = {
  variable: "FFMPEG_PATH",
  names: ["ffmpeg"],
  knownPaths: ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg", "/opt/homebrew/bin/ffmpeg"],
};

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The tool's path: the override when set (null for "off"; a path that is not an
 * executable file is an error naming the variable), else the first match on
 * PATH, else a known install location, else null.
 */
export function locateTool(
  tool: SystemTool,
  override: string | undefined,
  searchPath: string | undefined,
): { path: string | null } | { error: string } {
  if (override === "off") return { path: null };
  if (override) {
    return isExecutableFile(override)
      ? { path: path.resolve(override) }
      : { error: `is not an executable file: ${override} (or "off")` };
  }
  const dirs = (searchPath ?? "").split(path.delimiter).filter((d) => path.isAbsolute(d));
  for (const dir of dirs) {
    for (const name of tool.names) {
      const candidate = path.join(dir, name);
      if (isExecutableFile(candidate)) return { path: candidate };
    }
  }
  return { path: tool.knownPaths.find(isExecutableFile) ?? null };
}

/**
 * What the optional tools give this server, for the start-up output: one line
 * naming those found, and one per missing tool saying what it costs and how to
 * install it.
 */
export function toolLines(tools: { soffice: string | null; ffmpeg: string | null }): string[] {
  const found = [
    ...(tools.soffice ? [`Office previews by LibreOffice (${tools.soffice})`] : []),
    ...(tools.ffmpeg ? [`video posters by ffmpeg (${tools.ffmpeg})`] : []),
  ];
  const lines = found.length > 0 ? [`${found.join("; ")}.`] : [];
  if (!tools.soffice) {
    lines.push(
      "LibreOffice not found: Office files get no page previews until it is installed " +
        "(apt-get install -y --no-install-recommends libreoffice-impress libreoffice-writer libreoffice-calc fonts-noto-cjk, or set SOFFICE_PATH).",
    );
  }
  if (!tools.ffmpeg) {
    lines.push(
      "ffmpeg not found: videos get a drawn card instead of a poster frame (apt-get install -y ffmpeg, or set FFMPEG_PATH).",
    );
  }
  return lines;
}
