// Removes location-bearing metadata from uploaded photos before anyone else can download them.
// A photo of a leaking pipe taken on a phone carries the resident's GPS position in its Exif
// block; we drop the metadata containers (never the pixels) and leave everything else byte for
// byte. No maintained pure-JS library covers JPEG, PNG and WebP without decoding the image, so
// this is a small container filter of ours, tested in image-metadata.test.ts.

/** JPEG APPn segments that carry Exif (with GPS), XMP (which may repeat GPS) and IPTC location names. */
const JPEG_DROPPED_MARKERS = new Set([0xe1 /* APP1: Exif, XMP */, 0xed /* APP13: Photoshop/IPTC */]);

function stripJpeg(input: Buffer): Buffer {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) return input;
  const kept: Buffer[] = [input.subarray(0, 2)];
  let offset = 2;
  let changed = false;
  while (offset + 4 <= input.length) {
    if (input[offset] !== 0xff) return input; // not a segment boundary: leave the file alone
    const marker = input[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image: the rest is image data
    const length = input.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > input.length) return input;
    if (JPEG_DROPPED_MARKERS.has(marker)) changed = true;
    else kept.push(input.subarray(offset, end));
    offset = end;
  }
  if (!changed) return input;
  kept.push(input.subarray(offset));
  return Buffer.concat(kept);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function stripPng(input: Buffer): Buffer {
  if (input.length < 8 || !input.subarray(0, 8).equals(PNG_SIGNATURE)) return input;
  const kept: Buffer[] = [input.subarray(0, 8)];
  let offset = 8;
  let changed = false;
  while (offset + 12 <= input.length) {
    const length = input.readUInt32BE(offset);
    const type = input.toString("latin1", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > input.length) return input;
    const isXmp = type === "iTXt" && input.toString("latin1", offset + 8, offset + 8 + 17) === "XML:com.adobe.xmp";
    if (type === "eXIf" || isXmp) changed = true;
    else kept.push(input.subarray(offset, end));
    offset = end;
    if (type === "IEND") break;
  }
  if (!changed) return input;
  return Buffer.concat(kept);
}

/** VP8X header flags for the chunks we remove. */
const WEBP_EXIF_FLAG = 0x08;
const WEBP_XMP_FLAG = 0x04;

function stripWebp(input: Buffer): Buffer {
  if (input.length < 12 || input.toString("latin1", 0, 4) !== "RIFF" || input.toString("latin1", 8, 12) !== "WEBP") return input;
  const kept: Buffer[] = [];
  let offset = 12;
  let changed = false;
  while (offset + 8 <= input.length) {
    const type = input.toString("latin1", offset, offset + 4);
    const size = input.readUInt32LE(offset + 4);
    const end = offset + 8 + size + (size % 2); // chunks are padded to even sizes
    if (end > input.length + (size % 2)) return input;
    if (type === "EXIF" || type === "XMP ") changed = true;
    else if (type === "VP8X") {
      const chunk = Buffer.from(input.subarray(offset, Math.min(end, input.length)));
      chunk[8] = chunk[8]! & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG);
      kept.push(chunk);
    } else kept.push(input.subarray(offset, Math.min(end, input.length)));
    offset = end;
  }
  if (!changed) return input;
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(body.length + 4, 4);
  header.write("WEBP", 8, "latin1");
  return Buffer.concat([header, body]);
}

/**
 * The image without Exif/XMP/IPTC metadata (GPS position, camera serials), or the same buffer
 * when there was nothing to remove or the type is not an image we know.
 */
export function stripImageMetadata(input: Buffer, contentType: string): Buffer {
  switch (contentType) {
    case "image/jpeg":
      return stripJpeg(input);
    case "image/png":
      return stripPng(input);
    case "image/webp":
      return stripWebp(input);
    default:
      return input;
  }
}
