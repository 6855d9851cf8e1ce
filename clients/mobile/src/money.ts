// Amounts as the graph sends them (decimal strings with a currency), added in cents so no float
// rounding creeps into what a person is asked to pay.
export interface Money {
  amount: string;
  currency: string;
}

export function cents(amount: string): number {
  const [whole = "0", fraction = ""] = amount.replace(/^-/, "").split(".");
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
  return amount.startsWith("-") ? -value : value;
}

export function sum(values: readonly Money[], currency = values[0]?.currency ?? "EUR"): Money {
  const total = values.reduce((acc, v) => acc + cents(v.amount), 0);
  const sign = total < 0 ? "-" : "";
  const abs = Math.abs(total);
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`, currency };
}

export function formatMoney(value: Money): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: value.currency }).format(cents(value.amount) / 100);
}

export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}
