// Tiny images built byte by byte for upload tests: a phone photo's essentials (an Exif block
// with a GPS position) without shipping binary fixtures.

/** A 1×1 baseline JPEG without metadata beyond its JFIF header (SOI … SOS, 134 bytes). */
const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

function rational(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32BE(Math.round(value * 10_000), 0);
  out.writeUInt32BE(10_000, 4);
  return out;
}

function degrees(value: number): Buffer {
  const d = Math.floor(value);
  const m = Math.floor((value - d) * 60);
  const s = ((value - d) * 60 - m) * 60;
  return Buffer.concat([rational(d), rational(m), rational(s)]);
}

/** An APP1 Exif segment (big-endian TIFF) whose IFD0 points to a GPS IFD with latitude and longitude. */
export function exifGpsSegment(latitude: number, longitude: number): Buffer {
  const entry = (tag: number, type: number, count: number, value: Buffer) => {
    const out = Buffer.alloc(12);
    out.writeUInt16BE(tag, 0);
    out.writeUInt16BE(type, 2);
    out.writeUInt32BE(count, 4);
    value.copy(out, 8);
    return out;
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const gpsIfdOffset = 8 + 2 + 12 + 4;
  const dataOffset = gpsIfdOffset + 2 + 4 * 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from("MM\u0000*", "latin1"),
    u32(8),
    Buffer.from([0, 1]),
    entry(0x8825, 4, 1, u32(gpsIfdOffset)), // GPSInfo IFD pointer
    u32(0),
    Buffer.from([0, 4]),
    entry(0x0001, 2, 2, Buffer.from("N\u0000", "latin1")),
    entry(0x0002, 5, 3, u32(dataOffset)),
    entry(0x0003, 2, 2, Buffer.from("E\u0000", "latin1")),
    entry(0x0004, 5, 3, u32(dataOffset + 24)),
    u32(0),
    degrees(latitude),
    degrees(longitude),
  ]);
  const payload = Buffer.concat([Buffer.from("Exif\u0000\u0000", "latin1"), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** A JPEG as a phone writes it (Exif with GPS right after SOI) and the same JPEG without the Exif segment. */
export function jpegWithGps(latitude = 48.7164, longitude = 21.2611): { withGps: Buffer; withoutGps: Buffer; gpsSegment: Buffer } {
  const gpsSegment = exifGpsSegment(latitude, longitude);
  return {
    withGps: Buffer.concat([TINY_JPEG.subarray(0, 2), gpsSegment, TINY_JPEG.subarray(2)]),
    withoutGps: TINY_JPEG,
    gpsSegment,
  };
}

/** A minimal PNG (signature, IHDR, an eXIf chunk, IEND); CRCs are not checked by our filter. */
export function pngWithExif(): { withExif: Buffer; withoutExif: Buffer } {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = chunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
  const exif = chunk("eXIf", exifGpsSegment(48.1, 17.1).subarray(10));
  const iend = chunk("IEND", Buffer.alloc(0));
  return { withExif: Buffer.concat([signature, ihdr, exif, iend]), withoutExif: Buffer.concat([signature, ihdr, iend]) };
}
