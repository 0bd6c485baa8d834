import { type FileHandle, open } from "node:fs/promises";
import { ProcessingError } from "./processing-error";

/**
 * A reader of just enough of an OLE2 Compound File (MS-CFB: legacy .doc,
 * .xls, .ppt, Outlook .msg, encrypted OOXML) to name the streams at its root.
 * It reads the header, the FAT sectors it needs, and the directory, through a
 * file handle, and never more than `maxBytesRead` bytes of them: a hostile
 * file can make it refuse, never loop or fill memory.
 */

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER_BYTES = 512;
const HEADER_DIFAT_ENTRIES = 109;
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const NO_STREAM = 0xffffffff;
const DIRECTORY_ENTRY_BYTES = 128;
const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

/** Far more than the FAT sectors and directory of any real Office file or Outlook message need. */
export const MAX_COMPOUND_BYTES_READ = 8 * 1024 * 1024;

const damaged = (reason: string) => new ProcessingError(`Compound file is damaged: ${reason}`);

/**
 * Names of the streams and storages at the root of a compound file, in
 * directory order. Throws a ProcessingError when the file is damaged,
 * truncated or needs more than `maxBytesRead` bytes of structure read.
 */
export async function listCompoundEntryNames(
  filePath: string,
  maxBytesRead = MAX_COMPOUND_BYTES_READ,
): Promise<string[]> {
  const handle = await open(filePath, "r");
  try {
    const reader = await CompoundReader.open(handle, maxBytesRead);
    await reader.assertComplete();
    return await reader.rootEntryNames();
  } finally {
    await handle.close();
  }
}

class CompoundReader {
  private bytesRead = 0;
  /** Where each FAT sector is, from the header's DIFAT and the DIFAT chain. */
  private fatLocations: number[] = [];
  /** FAT sectors by location: a hostile DIFAT may name one sector many times. */
  private readonly fatSectors = new Map<number, Buffer>();

  private constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
    private readonly sectorSize: number,
    private readonly maxBytesRead: number,
    private readonly firstDirectorySector: number,
  ) {}

  static async open(handle: FileHandle, maxBytesRead: number): Promise<CompoundReader> {
    const { size } = await handle.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) throw damaged("its header is cut short");
    if (!header.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw damaged("no compound file signature");
    if (header.readUInt16LE(0x1c) !== 0xfffe) throw damaged("unknown byte order");
    const sectorShift = header.readUInt16LE(0x1e);
    if (sectorShift !== 9 && sectorShift !== 12) throw damaged(`unknown sector size 2^${sectorShift}`);
    const sectorSize = 2 ** sectorShift;
    const fatCount = header.readUInt32LE(0x2c);
    // every FAT sector is itself a sector of the file, so the file bounds how many there can be
    if (fatCount === 0 || fatCount > Math.floor(size / sectorSize)) throw damaged("impossible FAT size");
    const reader = new CompoundReader(handle, size, sectorSize, maxBytesRead, header.readUInt32LE(0x30));
    const locations: number[] = [];
    for (let i = 0; i < Math.min(fatCount, HEADER_DIFAT_ENTRIES); i += 1) {
      locations.push(header.readUInt32LE(0x4c + 4 * i));
    }
    await reader.readDifatChain(header.readUInt32LE(0x44), fatCount, locations);
    reader.fatLocations = locations;
    return reader;
  }

  /** FAT sector locations past the header's 109, from the DIFAT sector chain. */
  private async readDifatChain(first: number, fatCount: number, locations: number[]): Promise<void> {
    const perSector = this.sectorSize / 4 - 1; // the last entry links to the next DIFAT sector
    const seen = new Set<number>();
    for (let sector = first; locations.length < fatCount; ) {
      if (sector > MAX_REGULAR_SECTOR) throw damaged("its FAT is incomplete");
      if (seen.has(sector)) throw damaged("its DIFAT chain loops");
      seen.add(sector);
      const difat = await this.readSector(sector);
      for (let i = 0; i < perSector && locations.length < fatCount; i += 1) {
        locations.push(difat.readUInt32LE(4 * i));
      }
      sector = difat.readUInt32LE(this.sectorSize - 4);
    }
  }

  /** Refuses a file cut short: the highest sector the FAT allocates must begin inside the file. */
  async assertComplete(): Promise<void> {
    const perFat = this.sectorSize / 4;
    const maxScanned = Math.floor(this.maxBytesRead / this.sectorSize);
    for (let index = this.fatLocations.length - 1; index >= 0; index -= 1) {
      // cached FAT sectors cost no reading, so the scan keeps its own count
      if (this.fatLocations.length - index > maxScanned) throw damaged("its FAT is implausibly large");
      const fat = await this.fatSector(index);
      for (let i = perFat - 1; i >= 0; i -= 1) {
        if (fat.readUInt32LE(4 * i) === FREE_SECTOR) continue;
        // a last sector shorter than the rest is tolerated, as Office itself does
        if (this.offsetOf(index * perFat + i) >= this.fileSize) throw damaged("the file is cut short");
        return;
      }
    }
    throw damaged("its FAT allocates nothing");
  }

  async rootEntryNames(): Promise<string[]> {
    const directory = Buffer.concat(await this.chain(this.firstDirectorySector));
    const count = Math.floor(directory.length / DIRECTORY_ENTRY_BYTES);
    const entry = (id: number) =>
      directory.subarray(id * DIRECTORY_ENTRY_BYTES, (id + 1) * DIRECTORY_ENTRY_BYTES);
    const root = entry(0);
    if (count === 0 || root[0x42] !== TYPE_ROOT) throw damaged("it has no root entry");
    // the root's children form a tree through their left and right siblings; odd links are skipped, not followed twice
    const ids: number[] = [];
    const seen = new Set<number>();
    const pending = [root.readUInt32LE(0x4c)];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (id === NO_STREAM || id === 0 || id >= count || seen.has(id)) continue;
      seen.add(id);
      const child = entry(id);
      if (child[0x42] === TYPE_STORAGE || child[0x42] === TYPE_STREAM) ids.push(id);
      pending.push(child.readUInt32LE(0x44), child.readUInt32LE(0x48));
    }
    return ids.sort((a, b) => a - b).map((id) => entryName(entry(id)));
  }

  /** The sectors of a chain, in order; a chain that loops, leaves the file or outgrows the budget is damage. */
  private async chain(start: number): Promise<Buffer[]> {
    const sectors: Buffer[] = [];
    const seen = new Set<number>();
    for (let sector = start; sector !== END_OF_CHAIN; sector = await this.nextSector(sector)) {
      if (sector > MAX_REGULAR_SECTOR) throw damaged("its directory chain is broken");
      if (seen.has(sector)) throw damaged("its directory chain loops");
      seen.add(sector);
      sectors.push(await this.readSector(sector));
    }
    return sectors;
  }

  private async nextSector(sector: number): Promise<number> {
    const perFat = this.sectorSize / 4;
    const fat = await this.fatSector(Math.floor(sector / perFat));
    return fat.readUInt32LE(4 * (sector % perFat));
  }

  private async fatSector(index: number): Promise<Buffer> {
    const location = this.fatLocations[index];
    if (location === undefined) throw damaged("a chain runs past the end of its FAT");
    const cached = this.fatSectors.get(location);
    if (cached) return cached;
    const sector = await this.readSector(location);
    this.fatSectors.set(location, sector);
    return sector;
  }

  private offsetOf(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private async readSector(sector: number): Promise<Buffer> {
    const offset = this.offsetOf(sector);
    if (sector > MAX_REGULAR_SECTOR || offset + this.sectorSize > this.fileSize) {
      throw damaged(`sector ${sector} lies past the end of the file`);
    }
    this.bytesRead += this.sectorSize;
    if (this.bytesRead > this.maxBytesRead) throw damaged("its structure is implausibly large");
    const buffer = Buffer.alloc(this.sectorSize);
    const { bytesRead } = await this.handle.read(buffer, 0, this.sectorSize, offset);
    if (bytesRead < this.sectorSize) throw damaged(`sector ${sector} is cut short`);
    return buffer;
  }
}

/** A directory entry's UTF-16 name; its length field counts the terminating NUL. */
function entryName(entry: Buffer): string {
  const length = Math.min(entry.readUInt16LE(0x40), 64);
  return entry
    .subarray(0, Math.max(0, length - 2) & ~1)
    .toString("utf16le")
    .replace(/\0+$/, "");
}
