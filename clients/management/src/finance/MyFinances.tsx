import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { MyBalances } from "@ppt/client-shared/operations";
import { formatAddress } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { formatDay, formatMoney, isPositive } from "./money-format.ts";
import "./finance.css";
import { ScrollTable } from "../ScrollTable.tsx";

/**
 * An owner's money first: what each unit they own owes (or has in credit), the prescriptions and
 * invoices with what is still due (each opens its payment QR), and the payments received. A unit
 * the person only lives in has no balance for them (the association bills the owner) and is left out.
 */
export function MyFinances() {
  const { t, locale } = useI18n();
  const staff = usePermission("financial:write");
  const { data, loading, error } = useQuery(MyBalances);
  const money = (value: { amount: string; currency: string }) => formatMoney(locale, value);
  const units =
    data?.buildings.edges.flatMap(({ node: building }) =>
      building.units.flatMap((unit) => (unit.balance ? [{ id: unit.id, designation: unit.designation, balance: unit.balance, building }] : [])),
    ) ?? [];
  const invoices = data?.invoices.edges.map((edge) => edge.node) ?? [];
  const payments = data?.payments.edges.map((edge) => edge.node) ?? [];
  return (
    <section className="finance">
      <h1>{t.finance.heading}</h1>
      {staff && (
        <p className="actions">
          <Link href="/financie/sprava">{t.finance.toAdmin}</Link>
        </p>
      )}
      {error && <p className="problem">{t.loadFailed}</p>}
      {!data && loading && <p className="notice">{t.loading}</p>}
      {data && (
        <>
          <h2>{t.finance.balancesHeading}</h2>
          {units.length === 0 ? (
            <p className="notice">{t.finance.noUnits}</p>
          ) : (
            <ul className="rows balances">
              {units.map((unit) => (
                <li key={unit.id}>
                  <strong>{t.finance.unitLabel(unit.designation ?? "—")}</strong>
                  <span className="muted">{formatAddress(unit.building)}</span>
                  <span className={isPositive(unit.balance.amount) ? "balance owes" : "balance"}>
                    {isPositive(unit.balance.amount)
                      ? t.finance.owes(money(unit.balance))
                      : unit.balance.amount.startsWith("-")
                        ? t.finance.credit(money({ ...unit.balance, amount: unit.balance.amount.slice(1) }))
                        : t.finance.settled}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2>{t.finance.invoicesHeading}</h2>
          {invoices.length === 0 ? (
            <p className="notice">{t.finance.noInvoices}</p>
          ) : (
            <ScrollTable
              label={t.finance.invoicesHeading}
              headings={[t.finance.number, t.finance.unit, t.finance.dueOn, t.finance.total, t.finance.amountDue, t.finance.status]}
            >
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>
                    <Link href={`/financie/faktury/${invoice.id}`} aria-label={t.finance.openInvoice(invoice.number)}>
                      {invoice.number}
                    </Link>
                  </td>
                  <td>{invoice.unit?.designation ?? "—"}</td>
                  <td>{formatDay(locale, invoice.dueOn)}</td>
                  <td>{money(invoice.total)}</td>
                  <td>{money(invoice.amountDue)}</td>
                  <td>{t.invoiceStatus[invoice.status]}</td>
                </tr>
              ))}
            </ScrollTable>
          )}
          <h2>{t.finance.paymentsHeading}</h2>
          {payments.length === 0 ? (
            <p className="notice">{t.finance.noPayments}</p>
          ) : (
            <ScrollTable
              label={t.finance.paymentsHeading}
              headings={[t.finance.paidOn, t.finance.unit, t.finance.amount, t.finance.method, t.finance.reference]}
            >
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{formatDay(locale, payment.paidOn)}</td>
                  <td>{payment.unit?.designation ?? "—"}</td>
                  <td>{money(payment.amount)}</td>
                  <td>{t.paymentMethod[payment.method]}</td>
                  <td>{payment.reference ?? "—"}</td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}
