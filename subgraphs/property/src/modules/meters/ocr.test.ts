// The meter photo OCR on rendered phone photos with known values: LCD 7-segment displays
// (heat meters) and mechanical counter drums (water meters), upright, slightly rotated, under a
// glare spot; it reads every readable one right, and for blurred, noisy photos it suggests
// nothing rather than a wrong number. Tesseract runs offline with the npm-shipped model.
import { afterAll, describe, expect, it } from "vitest";
import { meterPhoto, type MeterPhotoOptions } from "./meter-photos.ts";
import { readMeterPhoto, stopOcr } from "./ocr.ts";

afterAll(() => stopOcr());

const readable: [string, MeterPhotoOptions, string][] = [
  ["01234.567", { style: "seven-segment" }, "1234.567"],
  ["00891.25", { style: "seven-segment", rotation: 3, glare: 0.7 }, "891.25"],
  ["0045678", { style: "drum" }, "45678"],
  ["0003921", { style: "drum", rotation: -2.5, glare: 0.6 }, "3921"],
  ["0073014", { style: "drum", rotation: 2 }, "73014"],
];

const unreadable: [string, MeterPhotoOptions][] = [
  ["5555", { style: "seven-segment", blur: 9, noise: 90 }],
  ["0035216", { style: "drum", blur: 9, noise: 90 }],
];

describe("meter photo OCR", () => {
  it.each(readable)(
    "reads %s (%o)",
    async (shown, options, expected) => {
      const suggestion = await readMeterPhoto(meterPhoto(shown, options));
      expect(suggestion?.value).toBe(expected);
      expect(suggestion!.confidence).toBeGreaterThanOrEqual(75);
    },
    60_000,
  );

  it.each(unreadable)(
    "suggests nothing for a blurred, noisy %s",
    async (shown, options) => {
      expect(await readMeterPhoto(meterPhoto(shown, options))).toBeNull();
    },
    60_000,
  );

  it("suggests nothing for what is not a JPEG of a display", async () => {
    expect(await readMeterPhoto(Buffer.from("<html>not a photo</html>"))).toBeNull();
  });

  it("never suggests a wrong value across a sweep of values, rotations and glare", async () => {
    let right = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 12; i++) {
      const digits = String((i * 7_919_311 + 12_345) % 10_000_000).padStart(7, "0");
      const style = i % 2 ? "drum" : "seven-segment";
      const shown = style === "seven-segment" ? `${digits.slice(0, 4)}.${digits.slice(4)}` : digits;
      const suggestion = await readMeterPhoto(meterPhoto(shown, { style, rotation: ((i % 5) - 2) * 1.2, glare: (i % 3) * 0.3, seed: i + 1 }));
      const expected = shown.replace(/^0+(?=\d)/, "");
      if (suggestion?.value === expected) right++;
      else if (suggestion) wrong.push(`${shown} read as ${suggestion.value}`);
    }
    expect(wrong).toEqual([]);
    expect(right).toBeGreaterThanOrEqual(9);
  }, 120_000);
});
