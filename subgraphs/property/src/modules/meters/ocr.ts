// Reading the register of a meter display from a phone photo, for a suggestion beside what the
// person typed. The JPEG is decoded, turned grey and binarized against its neighbourhood's mean
// (a glare spot brightens the background and the digits under it alike), with the digits as the
// minority side (dark on an LCD, light on black counter drums). Two readers:
//  - Tesseract (tesseract.js, WebAssembly) reads the line as printed digits (mechanical drum
//    counters) with the English LSTM model shipped as an npm package (@tesseract.js-data/eng):
//    nothing is downloaded at run time;
//  - a 7-segment decoder reads LCD digits, which Tesseract's model does not know: each digit's
//    box is scanned where its segments lie, and a decimal point is a small blob at the foot.
// A value is suggested only when a reader is sure of every digit and the readers do not disagree:
// no suggestion is better than a wrong one.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";

export interface OcrSuggestion {
  /** The register value as read (digits, at most one decimal point, no leading zeros). */
  value: string;
  /** 0–100. */
  confidence: number;
  reader: "tesseract" | "seven-segment";
}

/** Below this Tesseract confidence its reading is not suggested. */
export const MIN_CONFIDENCE = 75;

const require = createRequire(import.meta.url);
const langPath = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");

let worker: Promise<Worker> | null = null;
function ocrWorker(): Promise<Worker> {
  worker ??= (async () => {
    const w = await createWorker("eng", OEM.LSTM_ONLY, { langPath, cacheMethod: "none", gzip: true });
    await w.setParameters({ tessedit_char_whitelist: "0123456789", tessedit_pageseg_mode: PSM.SINGLE_LINE });
    return w;
  })();
  return worker;
}

/** Ends the Tesseract worker thread (a process that read photos stops it before exiting). */
export async function stopOcr(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w).terminate();
}

interface Binary {
  width: number;
  height: number;
  /** 1 = ink (a digit), 0 = background. */
  ink: Uint8Array;
  /** Dark digits on a light background (an LCD), else light on dark (counter drums). */
  darkInk: boolean;
}

/** The photo's digits as ink, or null when it is not a decodable JPEG or shows no contrast. */
export function binarize(photo: Buffer): Binary | null {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(photo, { useTArray: true, maxResolutionInMP: 24, maxMemoryUsageInMB: 256 });
  } catch {
    return null;
  }
  const { width, height, data } = image;
  const n = width * height;
  const grey = new Float64Array(n);
  const hist = new Float64Array(256);
  for (let i = 0; i < n; i++) {
    const v = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
    grey[i] = v;
    hist[Math.min(255, Math.round(v))]!++;
  }
  // Otsu: the global split, for the polarity and the contrast between ink and background.
  let total = 0;
  for (let i = 0; i < 256; i++) total += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = -1;
  let threshold = 128;
  let contrast = 0;
  let darkShare = 0;
  for (let i = 0; i < 256; i++) {
    wB += hist[i]!;
    if (!wB || wB === n) continue;
    sumB += i * hist[i]!;
    const mB = sumB / wB;
    const mF = (total - sumB) / (n - wB);
    const between = wB * (n - wB) * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
      contrast = mF - mB;
      darkShare = wB / n;
    }
  }
  if (contrast < 40) return null;
  const darkInk = darkShare < 0.5;
  void threshold;
  // Local mean over a window a third of the height: ink stands out from it by a share of the contrast.
  const w1 = width + 1;
  const sum = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += grey[y * width + x]!;
      sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1]! + row;
    }
  }
  const r = Math.max(6, Math.round(height / 3));
  const ink = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const mean = (sum[y1 * w1 + x1]! - sum[y0 * w1 + x1]! - sum[y1 * w1 + x0]! + sum[y0 * w1 + x0]!) / ((x1 - x0) * (y1 - y0));
      const v = grey[y * width + x]!;
      ink[y * width + x] = (darkInk ? mean - v : v - mean) > 0.25 * contrast ? 1 : 0;
    }
  }
  return { width, height, ink, darkInk };
}

// Segments a b c d e f g (top, upper right, lower right, bottom, lower left, upper left, middle).
const SEVEN_SEGMENT: Record<string, string> = {
  "1111110": "0",
  "0110000": "1",
  "1101101": "2",
  "1111001": "3",
  "0110011": "4",
  "1011011": "5",
  "1011111": "6",
  "0011111": "6",
  "1110000": "7",
  "1110010": "7",
  "1111111": "8",
  "1111011": "9",
  "1110011": "9",
};

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** LCD digits read segment by segment, or null unless every blob is a digit or a decimal point. */
export function readSevenSegment(image: Binary): string | null {
  const { width, height, ink } = image;
  const at = (x: number, y: number) => ink[y * width + x]!;
  // Columns with ink, grouped into runs: one run per digit (a 7-segment digit is one run of columns).
  const columnInk = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) columnInk[x]! += at(x, y);
  const boxes: Box[] = [];
  for (let x = 0; x < width; x++) {
    if (columnInk[x]! < 2) continue;
    const start = x;
    while (x + 1 < width && columnInk[x + 1]! >= 2) x++;
    let y0 = height;
    let y1 = -1;
    for (let xx = start; xx <= x; xx++)
      for (let y = 0; y < height; y++)
        if (at(xx, y)) {
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
    boxes.push({ x0: start, x1: x, y0, y1 });
  }
  if (boxes.length < 3) return null;
  const digitHeight = Math.max(...boxes.map((b) => b.y1 - b.y0 + 1));
  // Digits other than 1 are equally wide: a wider or narrower blob is two glyphs run together
  // (a digit and its decimal point) or a fragment, and the photo is not read.
  const widths = boxes.filter((b) => b.y1 - b.y0 + 1 >= digitHeight * 0.8 && b.x1 - b.x0 + 1 >= (b.y1 - b.y0 + 1) * 0.35).map((b) => b.x1 - b.x0 + 1);
  const usualWidth = widths.sort((a, b) => a - b)[widths.length >> 1] ?? 0;
  let out = "";
  for (const box of boxes) {
    const h = box.y1 - box.y0 + 1;
    const w = box.x1 - box.x0 + 1;
    if (h < digitHeight * 0.3) {
      // A decimal point: small, square, at the foot of the line, after a digit.
      const footOfLine = Math.max(...boxes.filter((b) => b.y1 - b.y0 + 1 >= digitHeight * 0.8).map((b) => b.y1));
      if (w > digitHeight * 0.3 || box.y1 < footOfLine - digitHeight * 0.25 || !/\d$/.test(out) || out.includes(".")) return null;
      out += ".";
      continue;
    }
    if (h < digitHeight * 0.8) return null;
    if (w < h * 0.35) {
      out += "1";
      continue;
    }
    if (Math.abs(w - usualWidth) > usualWidth * 0.15) return null;
    const row = (fy: number, fromFx: number, toFx: number) => {
      const y = Math.round(box.y0 + fy * (h - 1));
      let count = 0;
      for (let x = Math.round(box.x0 + fromFx * (w - 1)); x <= Math.round(box.x0 + toFx * (w - 1)); x++) count += at(x, y);
      return count;
    };
    const column = (fx: number, fromFy: number, toFy: number) => {
      let count = 0;
      for (let dx = -2; dx <= 2; dx++) {
        const x = Math.min(box.x1, Math.max(box.x0, Math.round(box.x0 + fx * (w - 1)) + dx));
        for (let y = Math.round(box.y0 + fromFy * (h - 1)); y <= Math.round(box.y0 + toFy * (h - 1)); y++) count += at(x, y);
      }
      return count;
    };
    const stroke = Math.max(2, Math.round(h * 0.04));
    const segments = [
      column(0.5, 0, 0.2) >= stroke, // a
      row(0.27, 0.55, 1) >= 2, // b
      row(0.73, 0.5, 1) >= 2, // c
      column(0.5, 0.8, 1) >= stroke, // d
      row(0.73, 0, 0.5) >= 2, // e
      row(0.27, 0, 0.45) >= 2, // f
      column(0.5, 0.38, 0.62) >= stroke, // g
    ];
    const digit = SEVEN_SEGMENT[segments.map((s) => (s ? "1" : "0")).join("")];
    if (!digit) return null;
    out += digit;
  }
  return REGISTER.test(out) ? out : null;
}

const REGISTER = /^\d{1,9}(\.\d{1,3})?$/;
const normalize = (value: string) => value.replace(/^0+(?=\d)/, "");

/** The binary image as a greyscale PNG (black digits on white) for Tesseract. */
function png({ width, height, ink: thin }: Binary): Buffer {
  // Strokes thickened by a pixel: Tesseract reads bold print more surely than hairlines.
  const ink = new Uint8Array(thin.length);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++)
      if (thin[y * width + x]) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) ink[(y + dy) * width + x + dx] = 1;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let crc = 0xffffffff;
    for (const b of buf) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = ink[y * width + x] ? 0 : 255;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The value a photo of a meter display shows, or null when it cannot be read with confidence. */
export async function readMeterPhoto(photo: Buffer): Promise<OcrSuggestion | null> {
  const image = binarize(photo);
  if (!image) return null;
  const { data } = await (await ocrWorker()).recognize(png(image));
  const text = data.text.replace(/\s+/g, "");
  const printed = REGISTER.test(text) && data.confidence >= MIN_CONFIDENCE ? normalize(text) : null;
  // LCDs (heat meters, allocators) show dark segments on a light glass; counter drums light digits.
  const segments = image.darkInk ? readSevenSegment(image) : null;
  const lcd = segments ? normalize(segments) : null;
  if (printed && lcd && printed !== lcd.replace(".", "")) return null;
  if (lcd) return { value: lcd, confidence: 90, reader: "seven-segment" };
  if (printed) return { value: printed, confidence: Math.round(data.confidence), reader: "tesseract" };
  return null;
}
