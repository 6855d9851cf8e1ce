import { describe, expect, it } from "vitest";
import { parseCsvStatement, type CsvStatementFormat } from "./csv.ts";

const slovakExport: CsvStatementFormat = {
  delimiter: ";",
  decimalSeparator: ",",
  dateFormat: "DD.MM.YYYY",
  columns: {
    bookedOn: "Dátum",
    amount: "Suma",
    currency: "Mena",
    variableSymbol: "VS",
    payerIban: "Protiúčet",
    payerName: "Názov",
    remittance: "Správa",
    bankReference: "Referencia",
  },
};

describe("CSV statements", () => {
  it("reads a Slovak export with configured columns, decimal commas and grouping", () => {
    const csv = [
      "\ufeffDátum;Suma;Mena;VS;Protiúčet;Názov;Správa;Referencia",
      "14.3.2025;1 234,56;EUR;0000001001;SK44 1100 0000 0026 1234 6773;Ján Novák;záloha;R1",
      "31.03.2025;-3,00;EUR;;;;Poplatok;R2",
      "15.03.2025;100,00;EUR;;SK0000000000000000000000;X;/VS1002/SS/KS;R3",
    ].join("\n");
    const [payment, fee, typo] = parseCsvStatement(csv, slovakExport);
    expect(payment).toMatchObject({
      amount: 123456n,
      direction: "CREDIT",
      bookedOn: "2025-03-14",
      variableSymbol: "1001",
      payerIban: "SK4411000000002612346773",
      payerName: "Ján Novák",
      bankReference: "R1",
    });
    expect(fee).toMatchObject({ amount: 300n, direction: "DEBIT", bookedOn: "2025-03-31" });
    expect(typo).toMatchObject({ variableSymbol: "1002", payerIban: undefined });
  });

  it("reads an ISO-dated export with a decimal point", () => {
    const [entry] = parseCsvStatement("date,amount,vs\n2025-03-14,1234.50,42\n", {
      delimiter: ",",
      decimalSeparator: ".",
      dateFormat: "YYYY-MM-DD",
      columns: { bookedOn: "date", amount: "amount", variableSymbol: "vs" },
    });
    expect(entry).toMatchObject({ amount: 123450n, bookedOn: "2025-03-14", variableSymbol: "42", currency: "EUR" });
  });

  it("refuses rows without a date or amount, bad dates and float-looking amounts", () => {
    expect(() => parseCsvStatement("Dátum;Suma\n;1,00\n", slovakExport)).toThrow(/Row 2/);
    expect(() => parseCsvStatement("Dátum;Suma\n2025-03-14;1,00\n", slovakExport)).toThrow(/DD.MM.YYYY/);
    expect(() => parseCsvStatement("Dátum;Suma\n14.3.2025;1,005\n", slovakExport)).toThrow(/At most 2/);
  });
});
