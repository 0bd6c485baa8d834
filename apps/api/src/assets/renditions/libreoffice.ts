import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { lastMeaningfulLine, runSystemTool } from "./system-process";

export interface ConvertOptions {
  /** LibreOffice and its children are killed past this; default 120 s. */
  timeoutMs?: number;
  /** Address-space limit of the conversion (`ulimit -v`); default 2048 MB. */
  memoryMb?: number;
  /** Where the temporary profile and output go; default the OS temp dir. */
  workDir?: string;
}

export const DEFAULT_CONVERT_TIMEOUT_MS = 120_000;
export const DEFAULT_CONVERT_MEMORY_MB = 2048;
const STARTUP_NOISE = /javaldx|java may not function/i;

/** A conversion that did not give a PDF; the message is meant for the marketer. */
export class ConversionError extends Error {
  override name = "ConversionError";
}

/**
 * Profile settings for a conversion of an untrusted file: no macros, no
 * updating of linked content (which would fetch URLs the file names), no
 * remote images.
 */
const HARDENED_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/**
 * Converts an Office file to PDF with LibreOffice headless, in a profile of
 * its own (parallel conversions never share one), under a timeout and an
 * address-space limit, in its own process group so a hung conversion is
 * killed with every child it started. `ext` names the format ("pptx") so
 * LibreOffice picks the right import filter. Returns the PDF's path inside a
 * temporary directory the caller removes with `cleanup`.
 */
export async function convertToPdf(
  soffice: string,
  inputPath: string,
  ext: string,
  opts: ConvertOptions = {},
): Promise<{ pdfPath: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(opts.workDir ?? tmpdir(), "pitchside-lo-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const input = path.join(dir, "in", `document.${ext}`);
    const outDir = path.join(dir, "out");
    const profile = path.join(dir, "profile");
    await mkdir(path.dirname(input), { recursive: true });
    await mkdir(path.join(profile, "user"), { recursive: true });
    await mkdir(outDir);
    await copyFile(inputPath, input);
    await writeFile(path.join(profile, "user", "registrymodifications.xcu"), HARDENED_PROFILE);
    const args = [
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--nofirststartwizard",
      "--norestore",
      "--nolockcheck",
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      input,
    ];
    const timeoutMs = opts.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS;
    const result = await runSystemTool(soffice, args, {
      timeoutMs,
      memoryMb: opts.memoryMb ?? DEFAULT_CONVERT_MEMORY_MB,
      env: { HOME: dir, PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", SAL_USE_VCLPLUGIN: "svp" },
    }).catch((err: Error) => {
      throw new ConversionError(`LibreOffice could not be started: ${err.message}`);
    });
    if (result.timedOut) {
      throw new ConversionError(`LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s`);
    }
    if (result.code !== 0) {
      const why =
        lastMeaningfulLine(result.stderr, STARTUP_NOISE) ??
        (result.signal ? `stopped by ${result.signal}` : `exit code ${result.code}`);
      throw new ConversionError(`LibreOffice could not convert the file: ${why}`);
    }
    const pdfPath = path.join(outDir, "document.pdf");
    const size = await stat(pdfPath).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) {
      const produced = await readdir(outDir).catch(() => []);
      const said = lastMeaningfulLine(result.stderr, STARTUP_NOISE);
      throw new ConversionError(
        produced.length === 0
          ? `LibreOffice could not open the file (damaged, or password-protected?)${said ? `: ${said}` : ""}`
          : "LibreOffice produced an empty PDF",
      );
    }
    return { pdfPath, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
