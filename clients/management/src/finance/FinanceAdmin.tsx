import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { UnitPicker, useDefaultBuilding } from "../UnitPicker.tsx";
import { formatDay, formatMoney } from "./money-format.ts";
import { RecordPaymentForm } from "./RecordPaymentForm.tsx";
import "./finance.css";
import { ScrollTable } from "../ScrollTable.tsx";

const BuildingFinance = graphql(`
  query BuildingFinance($buildingId: ID!, $year: Int!) {
    building(id: $buildingId) {
      id
      repairFund {
        amount
        currency
      }
      units {
        id
        designation
        balance {
          amount
          currency
        }
      }
    }
    arrears(buildingId: $buildingId) {
      unit {
        id
      }
      notYetDue {
        amount
        currency
      }
      days0to30 {
        amount
        currency
      }
      days31to60 {
        amount
        currency
      }
      days61to90 {
        amount
        currency
      }
      over90 {
        amount
        currency
      }
      credit {
        amount
        currency
      }
    }
    buildingCosts(buildingId: $buildingId, year: $year) {
      id
      fund
      service
      supplierName
      supplierInvoiceNumber
      incurredOn
      allocationKey
      amount {
        amount
        currency
      }
    }
  }
`);

/**
 * Staff (financial:write): a building's unit accounts with their arrears by age, the repair fund,
 * a payment typed in, and the year's supplier costs. The building and year live in the URL.
 */
export function FinanceAdmin() {
  const { t, locale } = useI18n();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const buildingId = useDefaultBuilding(params.get("budova"));
  const year = Number(params.get("rok")) || new Date().getFullYear();
  const { data, loading, error } = useQuery(BuildingFinance, { variables: { buildingId: buildingId ?? "", year }, skip: !buildingId });
  const money = (value: { amount: string; currency: string }) => formatMoney(locale, value);
  const building = data?.building;
  const arrearsOf = new Map(data?.arrears.map((row) => [row.unit.id, row]));
  const go = (next: { buildingId?: string | null; year?: number }) =>
    navigate(`/financie/sprava?budova=${next.buildingId ?? buildingId ?? ""}&rok=${next.year ?? year}`);
  return (
    <section className="finance">
      <h1>{t.finance.adminHeading}</h1>
      <p className="actions">
        <Link href="/financie/moje">{t.finance.toMine}</Link>
      </p>
      <UnitPicker value={{ buildingId, unitId: null }} onChange={(next) => go({ buildingId: next.buildingId })} withUnit={false} />
      {error && <p className="problem">{t.loadFailed}</p>}
      {!data && loading && <p className="notice">{t.loading}</p>}
      {data && building && (
        <>
          <dl className="facts">
            <div>
              <dt>{t.finance.repairFund}</dt>
              <dd>{building.repairFund ? money(building.repairFund) : "—"}</dd>
            </div>
          </dl>
          <h2>{t.finance.accountsHeading}</h2>
          <ScrollTable
            label={t.finance.accountsHeading}
            headings={[
              t.finance.unit,
              t.finance.balance,
              t.finance.notYetDue,
              t.finance.aged("0–30"),
              t.finance.aged("31–60"),
              t.finance.aged("61–90"),
              t.finance.aged("90+"),
              t.finance.creditColumn,
            ]}
          >
            {building.units.map((unit) => {
              const aging = arrearsOf.get(unit.id);
              return (
                <tr key={unit.id} className={aging && aging.over90.amount !== "0.00" ? "row-problem" : undefined}>
                  <th scope="row">{unit.designation}</th>
                  <td>{unit.balance ? money(unit.balance) : "—"}</td>
                  <td>{aging ? money(aging.notYetDue) : "—"}</td>
                  <td>{aging ? money(aging.days0to30) : "—"}</td>
                  <td>{aging ? money(aging.days31to60) : "—"}</td>
                  <td>{aging ? money(aging.days61to90) : "—"}</td>
                  <td>{aging ? money(aging.over90) : "—"}</td>
                  <td>{aging ? money(aging.credit) : "—"}</td>
                </tr>
              );
            })}
          </ScrollTable>
          <RecordPaymentForm units={building.units} />
          <h2>{t.finance.costsHeading(year)}</h2>
          <p className="actions">
            <button type="button" className="secondary" onClick={() => go({ year: year - 1 })}>
              {t.finance.previousYear}
            </button>
            <button type="button" className="secondary" onClick={() => go({ year: year + 1 })}>
              {t.finance.nextYear}
            </button>
          </p>
          {data.buildingCosts.length === 0 ? (
            <p className="notice">{t.finance.noCosts}</p>
          ) : (
            <ScrollTable
              label={t.finance.costsHeading(year)}
              headings={[t.finance.incurredOn, t.finance.service, t.finance.fund, t.finance.supplier, t.finance.allocation, t.finance.amount]}
            >
              {data.buildingCosts.map((cost) => (
                <tr key={cost.id}>
                  <td>{formatDay(locale, cost.incurredOn)}</td>
                  <td>{cost.service}</td>
                  <td>{t.advanceFund[cost.fund]}</td>
                  <td>{`${cost.supplierName} (${cost.supplierInvoiceNumber})`}</td>
                  <td>{t.allocationKey[cost.allocationKey]}</td>
                  <td>{money(cost.amount)}</td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}
