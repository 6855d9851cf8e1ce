import { create } from "qrcode";

/**
 * The PAY by square payload the graph computed, drawn as a QR code a Slovak banking app scans.
 * `qrcode` builds the symbol synchronously (so the code also renders on the server); each dark
 * module is one unit square of an SVG path, with the standard four-module quiet zone.
 */
export function PayBySquareCode({ payload, label }: { payload: string; label: string }) {
  const { modules } = create(payload, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const size = modules.size + 2 * quiet;
  let path = "";
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
  return (
    <svg className="pay-by-square" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width="240" height="240" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
