// Photos of meter displays for the OCR tests, rendered in memory (no binary fixtures): a digit
// strip drawn as strokes, either an LCD's 7-segment digits (dark on grey-green) or a mechanical
// counter's drums (white on black), with a slight rotation, a glare spot, sensor noise and JPEG
// compression, as a phone photo has them.
import jpeg from "jpeg-js";

type Segment = [number, number, number, number];

// 7-segment: a b c d e f g as strokes in a 1×2 box.
const SEG: Record<string, Segment> = {
  a: [0.1, 0, 0.9, 0],
  b: [1, 0.1, 1, 0.9],
  c: [1, 1.1, 1, 1.9],
  d: [0.1, 2, 0.9, 2],
  e: [0, 1.1, 0, 1.9],
  f: [0, 0.1, 0, 0.9],
  g: [0.1, 1, 0.9, 1],
};
const SEVEN: Record<string, string> = {
  "0": "abcdef",
  "1": "bc",
  "2": "abged",
  "3": "abgcd",
  "4": "fgbc",
  "5": "afgcd",
  "6": "afgedc",
  "7": "abcf",
  "8": "abcdefg",
  "9": "abcdfg",
};

// Drum digits: a plain sans-serif drawn as polylines (arcs as short segments) in a 1×2 box.
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, steps = 10): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = from + ((to - from) * i) / steps;
    const t1 = from + ((to - from) * (i + 1)) / steps;
    out.push([cx + rx * Math.cos(t0), cy + ry * Math.sin(t0), cx + rx * Math.cos(t1), cy + ry * Math.sin(t1)]);
  }
  return out;
}
const PI = Math.PI;
const DRUM: Record<string, Segment[]> = {
  "0": arc(0.5, 1, 0.5, 1, 0, 2 * PI, 24),
  "1": [
    [0.5, 0, 0.5, 2],
    [0.5, 0, 0.2, 0.35],
    [0.2, 2, 0.8, 2],
  ],
  "2": [...arc(0.5, 0.5, 0.5, 0.5, PI, 2.2 * PI, 12), [0.93, 0.82, 0, 2], [0, 2, 1, 2]],
  "3": [...arc(0.5, 0.5, 0.45, 0.5, 1.1 * PI, 2.5 * PI, 12), ...arc(0.5, 1.5, 0.5, 0.5, 1.5 * PI, 2.9 * PI, 12)],
  "4": [
    [0.75, 2, 0.75, 0],
    [0.75, 0, 0, 1.4],
    [0, 1.4, 1, 1.4],
  ],
  "5": [[0.95, 0, 0.1, 0], [0.1, 0, 0.05, 0.9], ...arc(0.5, 1.4, 0.5, 0.6, 1.2 * PI, 2.8 * PI, 14)],
  "6": [...arc(0.5, 1.45, 0.5, 0.55, 0, 2 * PI, 16), ...arc(1.0, 1.2, 1.0, 1.2, PI, 1.45 * PI, 8)],
  "7": [
    [0, 0, 1, 0],
    [1, 0, 0.35, 2],
  ],
  "8": [...arc(0.5, 0.48, 0.42, 0.48, 0, 2 * PI, 16), ...arc(0.5, 1.48, 0.5, 0.52, 0, 2 * PI, 16)],
  "9": [...arc(0.5, 0.55, 0.5, 0.55, 0, 2 * PI, 16), ...arc(0, 0.8, 1.0, 1.2, 0.05 * PI, 0.55 * PI, 8)],
};

export interface MeterPhotoOptions {
  style: "seven-segment" | "drum";
  /** Degrees, clockwise. */
  rotation?: number;
  /** A bright spot over part of the display, 0–1. */
  glare?: number;
  /** Gaussian-ish sensor noise amplitude, 0–255. */
  noise?: number;
  /** A blur radius in pixels (an out-of-focus photo). */
  blur?: number;
  seed?: number;
}

function distanceToSegment(px: number, py: number, [x0, y0, x1, y1]: Segment): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/** A JPEG of a meter display showing `text` (digits and at most one decimal point). */
export function meterPhoto(text: string, options: MeterPhotoOptions): Buffer {
  const glyphH = 64;
  const glyphW = 32;
  const pitch = 64;
  const margin = 40;
  const width = margin * 2 + text.replace(/[.,]/g, "").length * pitch;
  const height = glyphH + margin * 2;
  const stroke = options.style === "seven-segment" ? 5 : 4.5;
  const segments: Segment[] = [];
  const dots: [number, number][] = [];
  let position = 0;
  [...text].forEach((ch) => {
    const x = margin + position * pitch;
    if (ch === "." || ch === ",") {
      // The decimal point sits at the foot of the digit before it, taking no place of its own.
      dots.push([x - pitch + glyphW + 20, margin + glyphH - 3]);
      return;
    }
    position++;
    const strokes = options.style === "seven-segment" ? [...SEVEN[ch]!].map((s) => SEG[s]!) : DRUM[ch]!;
    for (const [x0, y0, x1, y1] of strokes) {
      // 7-segment displays lean forward a little.
      const slant = options.style === "seven-segment" ? 0.1 : 0;
      segments.push([x + (x0 + slant * (2 - y0)) * glyphW, margin + (y0 * glyphH) / 2, x + (x1 + slant * (2 - y1)) * glyphW, margin + (y1 * glyphH) / 2]);
    }
  });
  const [bg, fg] =
    options.style === "seven-segment"
      ? [
          [168, 180, 160],
          [30, 34, 30],
        ]
      : [
          [22, 22, 26],
          [235, 235, 230],
        ];
  let seed = options.seed ?? 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const angle = ((options.rotation ?? 0) * PI) / 180;
  const [cx, cy] = [width / 2, height / 2];
  const ink = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation: which point of the upright display lands on this pixel.
      const ux = cx + (x - cx) * Math.cos(angle) + (y - cy) * Math.sin(angle);
      const uy = cy - (x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle);
      let d = Infinity;
      for (const s of segments) if (Math.abs(ux - (s[0] + s[2]) / 2) < glyphW * 1.5) d = Math.min(d, distanceToSegment(ux, uy, s));
      for (const [dx, dy] of dots) d = Math.min(d, Math.hypot(ux - dx, uy - dy) + stroke - 4);
      ink[y * width + x] = Math.max(0, Math.min(1, stroke - d + 0.5));
    }
  }
  const blurred = options.blur ? boxBlur(ink, width, height, options.blur) : ink;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = blurred[y * width + x]!;
      const glare = (options.glare ?? 0) * Math.exp(-(((x - width * 0.7) / (width * 0.15)) ** 2 + ((y - height * 0.35) / (height * 0.3)) ** 2));
      const n = (options.noise ?? 6) * random();
      for (let c = 0; c < 3; c++) {
        const v = bg[c]! * (1 - a) + fg[c]! * a;
        data[(y * width + x) * 4 + c] = Math.max(0, Math.min(255, v + glare * (255 - v) * 0.8 + n));
      }
      data[(y * width + x) * 4 + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 85).data);
}

function boxBlur(src: Float32Array, width: number, height: number, radius: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
            sum += src[yy * width + xx]!;
            n++;
          }
        }
      }
      out[y * width + x] = sum / n;
    }
  }
  return out;
}
