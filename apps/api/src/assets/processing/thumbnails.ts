import { createCanvas, type Image, loadImage } from "@napi-rs/canvas";
import { ProcessingError, reasonOf } from "./processing-error";

export interface Thumbnail {
  data: Buffer;
  mime: "image/webp" | "image/png" | "image/jpeg";
}

export const THUMBNAIL_WIDTH = 400;
/** A very tall image keeps its top, so the thumbnail stays a card, not a ribbon. */
export const THUMBNAIL_MAX_HEIGHT = 4 * THUMBNAIL_WIDTH;
/** Decoding needs 4 bytes a pixel: past this an image is a decompression bomb, not a slide. */
export const MAX_IMAGE_PIXELS = 100_000_000;
const WEBP_QUALITY = 80;

export type ImageKind = "png" | "jpeg" | "webp" | "gif";

/**
 * A WebP thumbnail at most THUMBNAIL_WIDTH wide (never enlarged) of an image file.
 * Always re-encoded, so what is served as a thumbnail is an image we made.
 */
export async function thumbnailOfImage(data: Buffer, kind: ImageKind): Promise<Thumbnail> {
  const size = imageSize(data, kind);
  if (!size)
    throw new ProcessingError(`${kind.toUpperCase()} image is damaged or truncated: no image size found`);
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new ProcessingError(
      `Image is too large to preview: ${size.width}×${size.height} pixels (limit ${MAX_IMAGE_PIXELS / 1e6} megapixels)`,
    );
  }
  let image: Image;
  try {
    image = await loadImage(data);
  } catch (err) {
    throw new ProcessingError(`${kind.toUpperCase()} image is damaged or truncated: ${reasonOf(err)}`);
  }
  if (!image.width || !image.height) {
    throw new ProcessingError(`${kind.toUpperCase()} image is damaged or truncated: it has no pixels`);
  }
  return drawThumbnail(image, image.width, image.height);
}

/** Re-encodes an embedded preview (a PPTX's docProps/thumbnail.jpeg); null when it does not decode. */
export async function thumbnailOfEmbeddedImage(data: Buffer): Promise<Thumbnail | null> {
  const kind = imageKindOf(data);
  if (!kind) return null;
  try {
    return await thumbnailOfImage(data, kind);
  } catch {
    return null;
  }
}

async function drawThumbnail(image: Image, width: number, height: number): Promise<Thumbnail> {
  const scale = Math.min(1, THUMBNAIL_WIDTH / width);
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.min(THUMBNAIL_MAX_HEIGHT, Math.round(height * scale)));
  const canvas = createCanvas(outWidth, outHeight);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff"; // transparent PNGs read better on white than on WebP's black
  context.fillRect(0, 0, outWidth, outHeight);
  context.drawImage(image, 0, 0, width, outHeight / scale, 0, 0, outWidth, outHeight);
  return { data: await canvas.encode("webp", WEBP_QUALITY), mime: "image/webp" };
}

export function imageKindOf(data: Buffer): ImageKind | null {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return "png";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.subarray(0, 3).toString("latin1") === "GIF") return "gif";
  if (
    data.subarray(0, 4).toString("latin1") === "RIFF" &&
    data.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return "webp";
  }
  return null;
}

/** Pixel size from the image header, read before decoding so a pixel bomb is never decoded. */
export function imageSize(data: Buffer, kind: ImageKind): { width: number; height: number } | null {
  try {
    switch (kind) {
      case "png":
        return data.subarray(12, 16).toString("latin1") === "IHDR"
          ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
          : null;
      case "gif":
        return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
      case "webp":
        return webpSize(data);
      case "jpeg":
        return jpegSize(data);
    }
  } catch {
    return null; // header cut short
  }
}

function webpSize(data: Buffer): { width: number; height: number } | null {
  const chunk = data.subarray(12, 16).toString("latin1");
  if (chunk === "VP8 ")
    return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = data.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  return null;
}

function jpegSize(data: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame)
      return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
    offset += 2 + data.readUInt16BE(offset + 2);
  }
  return null;
}
