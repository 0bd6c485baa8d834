import { execFileSync } from "node:child_process";
import { FFMPEG, LIBREOFFICE, locateTool, type SystemTool } from "../src/system-tools";

/**
 * An optional system program for the tests that need it: found as the server
 * would find it. Without it those tests skip, naming what to install, except
 * under CI=true, where .ci/run installs it and a missing one must fail.
 */
function optional(tool: SystemTool, install: string) {
  const found = locateTool(tool, process.env[tool.variable], process.env.PATH);
  const path = "path" in found ? found.path : null;
  const skip = path === null && process.env.CI !== "true";
  return {
    path: path ?? `/missing/${tool.names[0]}`,
    skip,
    title: (name: string) => (skip ? `${name} (skipped: ${tool.names[0]} not found; ${install})` : name),
  };
}

export const libreOffice = optional(
  LIBREOFFICE,
  "apt-get install -y --no-install-recommends libreoffice-impress libreoffice-writer libreoffice-calc fonts-noto-cjk, or set SOFFICE_PATH",
);
export const ffmpeg = optional(FFMPEG, "apt-get install -y ffmpeg, or set FFMPEG_PATH");

/** Whether fontconfig knows a font with Japanese glyphs (LibreOffice draws tofu without one). */
export function hasJapaneseFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=ja", "family"], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
}
