// The PAY by square payload drawn as a QR code with plain Views (no SVG or canvas module on the
// phone): each row of the symbol is a row of runs, one View per run of same-coloured modules,
// with the standard four-module quiet zone.
import { create } from "qrcode";
import { View } from "react-native";

const QUIET = 4;

export function PayBySquareCode({ payload, label, size = 240 }: { payload: string; label: string; size?: number }) {
  const { modules } = create(payload, { errorCorrectionLevel: "M" });
  const cell = size / (modules.size + 2 * QUIET);
  const rows = [];
  for (let row = 0; row < modules.size; row++) {
    const runs: { dark: boolean; length: number }[] = [];
    for (let col = 0; col < modules.size; col++) {
      const dark = Boolean(modules.get(row, col));
      const last = runs[runs.length - 1];
      if (last?.dark === dark) last.length++;
      else runs.push({ dark, length: 1 });
    }
    rows.push(
      <View key={row} style={{ flexDirection: "row", height: cell }}>
        {runs.map((run, i) => (
          <View key={i} style={{ width: run.length * cell, backgroundColor: run.dark ? "#000" : "#fff" }} />
        ))}
      </View>,
    );
  }
  return (
    <View
      accessible
      accessibilityRole="image"
      accessibilityLabel={label}
      testID="pay-by-square"
      style={{ width: size, height: size, padding: QUIET * cell, backgroundColor: "#fff" }}
    >
      {rows}
    </View>
  );
}
