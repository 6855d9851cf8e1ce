import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCamt053 } from "./camt053.ts";

const sample = readFileSync(new URL("./fixtures/camt053-tatra-2025-03.xml", import.meta.url), "utf8");

describe("CAMT.053", () => {
  it("reads the statement header, balances and every entry", () => {
    const statement = parseCamt053(sample);
    expect(statement).toMatchObject({ accountIban: "SK3112000000198742637541", currency: "EUR", openingBalance: 1245030n, closingBalance: 1311880n });
    expect(statement.entries).toHaveLength(6);
    expect(statement.entries[0]).toEqual({
      amount: 15000n,
      currency: "EUR",
      direction: "CREDIT",
      bookedOn: "2025-03-14",
      valueOn: "2025-03-14",
      bankReference: "250314-1100-000001",
      endToEndId: undefined,
      variableSymbol: "1001",
      remittance: "/VS1001/SS/KS0308",
      payerName: "Ján Novák",
      payerIban: "SK4411000000002612346773",
    });
  });

  it("finds the variable symbol in the structured reference, the free text or the end-to-end id", () => {
    const [, partial, over, , unknown, fee] = parseCamt053(sample).entries;
    expect(partial).toMatchObject({ variableSymbol: "1002", payerIban: "SK4909000000002612346570", payerName: "Mária Horváthová" });
    expect(over).toMatchObject({ variableSymbol: "1003", endToEndId: "/VS1003/SS/KS", amount: 20000n });
    expect(unknown).toMatchObject({ variableSymbol: "9999999" });
    expect(fee).toMatchObject({ direction: "DEBIT", amount: 300n, payerIban: undefined });
  });

  it("splits a batch entry into its transactions", () => {
    const batch = sample.replace(
      /<Ntry>\s*<Amt Ccy="EUR">42.00<\/Amt>[\s\S]*?<\/Ntry>/,
      `<Ntry><Amt Ccy="EUR">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2025-03-20</Dt></BookgDt>
        <NtryDtls>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>/VS1/</Ustrd></RmtInf></TxDtls>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">20.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>/VS2/</Ustrd></RmtInf></TxDtls>
        </NtryDtls></Ntry>`,
    );
    const entries = parseCamt053(batch).entries.filter((e) => e.bookedOn === "2025-03-20");
    expect(entries.map((e) => [e.amount, e.variableSymbol])).toEqual([
      [1000n, "1"],
      [2000n, "2"],
    ]);
  });

  it("refuses DOCTYPE and entity declarations, malformed XML and other documents", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Document>&lol;</Document>`;
    expect(() => parseCamt053(bomb)).toThrow(/DOCTYPE/);
    expect(() => parseCamt053(sample.replace("<?xml", '<!DOCTYPE x SYSTEM "file:///etc/passwd"><?xml'))).toThrow(/DOCTYPE/);
    expect(() => parseCamt053("<Document><BkToCstmrStmt>")).toThrow(/well-formed/);
    expect(() => parseCamt053("<Document><Other/></Document>")).toThrow(/Not a CAMT.053/);
  });
});
