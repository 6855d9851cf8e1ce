// A PDF document for the module's letters (the settlement, the invoice). DejaVu Sans is embedded
// (from the dejavu-fonts-ttf package, so a fresh machine has it) because PDF's standard fonts have
// no glyphs for ľ, ť, ň, ô and the other Slovak letters.
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const regularFont = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const boldFont = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

/** An A4 document with the "regular" and "bold" fonts registered, and its bytes once it ends. */
export function a4Document(title: string): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: title } });
  doc.registerFont("regular", regularFont);
  doc.registerFont("bold", boldFont);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}

/** Right-aligned table columns from their left edges (the last one runs to the right margin). */
export function tableRow(doc: PDFKit.PDFDocument, columns: readonly number[], cells: readonly string[], font: "regular" | "bold"): void {
  const y = doc.y;
  doc.font(font);
  let bottom = y;
  cells.forEach((cell, i) => {
    doc.text(cell, columns[i], y, { width: (columns[i + 1] ?? 545) - columns[i]! - 6, align: i === 0 ? "left" : "right" });
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = columns[0]!;
  doc.y = bottom;
  doc.moveDown(0.3);
}
