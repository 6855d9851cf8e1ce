// My units and balances: what each unit owes (and how much of it is past due), the latest
// invoices with their due dates, and how to pay one (IBAN, variable symbol, amount and the PAY by
// square code the graph computes). Everything from the device first, with its age, so the
// payment details of an invoice opened once online are there offline too.
import { InvoicePayment, MyArrears, MyBalances, type MyBalancesQuery } from "@ppt/client-shared/operations";
import { useState } from "react";
import { Pressable, Text, View } from "react-native";
import { useApp } from "../AppContext.tsx";
import { cents, formatDay, formatMoney, sum, type Money } from "../money.ts";
import { useCachedQuery } from "../offline/cached-query.ts";
import { Button, Notice, styles } from "../ui.tsx";
import { PayBySquareCode } from "./PayBySquareCode.tsx";

type Invoice = MyBalancesQuery["invoices"]["edges"][number]["node"];
const words = (value: string) => value.replaceAll("_", " ").toLowerCase();

function standing(balance: Money): string {
  const value = cents(balance.amount);
  if (value > 0) return `Owes ${formatMoney(balance)}`;
  if (value < 0) return `Credit ${formatMoney({ ...balance, amount: balance.amount.slice(1) })}`;
  return "Settled";
}

export function BalancesScreen() {
  const [open, setOpen] = useState<string | null>(null);
  return open ? <PayInvoice id={open} onBack={() => setOpen(null)} /> : <Balances onPay={setOpen} />;
}

function Balances({ onPay }: { onPay: (id: string) => void }) {
  const { online } = useApp();
  const balances = useCachedQuery(MyBalances);
  const arrears = useCachedQuery(MyArrears);
  const units =
    balances.data?.buildings.edges.flatMap(({ node: building }) =>
      building.units.flatMap((unit) => (unit.balance ? [{ ...unit, balance: unit.balance, building }] : [])),
    ) ?? [];
  const pastDue = new Map(arrears.data?.arrears.map((a) => [a.unit.id, sum([a.days0to30, a.days31to60, a.days61to90, a.over90])]));
  const invoices = balances.data?.invoices.edges.map((e) => e.node) ?? [];
  return (
    <View style={styles.screen}>
      <Text accessibilityRole="header" style={styles.title}>
        My units and balances
      </Text>
      <Text style={styles.muted} testID="balances-age">
        {balances.age}
      </Text>
      {!online && <Notice tone="warn">Offline: showing what this device saved.</Notice>}
      {balances.data && units.length === 0 && <Text style={styles.muted}>No units of yours to show the money of.</Text>}
      {units.map((unit) => {
        const late = pastDue.get(unit.id);
        return (
          <View key={unit.id} style={styles.row} testID="unit-balance">
            <Text
              style={{ fontWeight: "600" }}
            >{`Unit ${unit.designation ?? "—"}, ${[unit.building.street, unit.building.streetNumber].filter(Boolean).join(" ")}`}</Text>
            <Text style={cents(unit.balance.amount) > 0 ? { color: "#b91c1c", fontWeight: "600" } : undefined}>{standing(unit.balance)}</Text>
            {late && cents(late.amount) > 0 && <Text style={{ color: "#b91c1c" }}>{`Past due ${formatMoney(late)}`}</Text>}
          </View>
        );
      })}
      <Text accessibilityRole="header" style={styles.subtitle}>
        Latest invoices
      </Text>
      {balances.data && invoices.length === 0 && <Text style={styles.muted}>No invoices yet.</Text>}
      {invoices.map((invoice) => (
        <InvoiceRow key={invoice.id} invoice={invoice} onPay={() => onPay(invoice.id)} />
      ))}
    </View>
  );
}

function InvoiceRow({ invoice, onPay }: { invoice: Invoice; onPay: () => void }) {
  const due = cents(invoice.amountDue.amount) > 0 && !invoice.isCreditNote && invoice.status !== "CANCELLED";
  return (
    <View style={styles.row} testID="invoice">
      <Text style={{ fontWeight: "600" }}>{`${invoice.number} · unit ${invoice.unit?.designation ?? "—"}`}</Text>
      <Text style={styles.muted}>{`${words(invoice.status)} · due ${formatDay(invoice.dueOn)} · total ${formatMoney(invoice.total)}`}</Text>
      {due && (
        <Pressable accessibilityRole="button" accessibilityLabel={`Pay invoice ${invoice.number}`} onPress={onPay}>
          <Text style={{ color: "#1d4ed8", fontWeight: "600" }}>{`To pay ${formatMoney(invoice.amountDue)} ›`}</Text>
        </Pressable>
      )}
    </View>
  );
}

function PayInvoice({ id, onBack }: { id: string; onBack: () => void }) {
  const query = useCachedQuery(InvoicePayment, { id });
  const invoice = query.data?.invoice;
  return (
    <View style={styles.screen}>
      <Button title="Back to balances" onPress={onBack} />
      <Text accessibilityRole="header" style={styles.title}>
        {invoice ? `Pay invoice ${invoice.number}` : "Pay an invoice"}
      </Text>
      <Text style={styles.muted} testID="payment-age">
        {query.age}
      </Text>
      {!invoice && !query.loading && <Notice tone="warn">This invoice is not saved on this device yet: open it once online.</Notice>}
      {invoice && (
        <View style={{ gap: 6 }} testID="payment-details">
          <Detail label="Amount" value={formatMoney(invoice.amountDue)} />
          <Detail label="IBAN" value={invoice.payeeIban ?? "not set by the administrator yet"} />
          <Detail label="Variable symbol" value={invoice.variableSymbol ?? "—"} />
          <Detail label="Due" value={formatDay(invoice.dueOn)} />
          {invoice.payBySquare ? (
            <>
              <PayBySquareCode payload={invoice.payBySquare} label={`PAY by square code for invoice ${invoice.number}`} />
              <Text style={styles.muted}>Scan it in your banking app: the amount, IBAN and variable symbol are filled in.</Text>
            </>
          ) : (
            <Text style={styles.muted}>No PAY by square code: nothing is due or the bank account is not set.</Text>
          )}
        </View>
      )}
    </View>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <View style={{ flexDirection: "row", flexWrap: "wrap", gap: 8 }}>
      <Text style={{ fontWeight: "600", minWidth: 120 }}>{label}</Text>
      <Text selectable testID={`payment-${label.toLowerCase().replaceAll(" ", "-")}`}>
        {value}
      </Text>
    </View>
  );
}
