import { useState } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { isNotFound } from "@ppt/client-shared";
import { InvoicePayment } from "@ppt/client-shared/operations";
import { Fact } from "../Fact.tsx";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { formatDay, formatMoney, isPositive } from "./money-format.ts";
import { PayBySquareCode } from "./PayBySquareCode.tsx";
import "./finance.css";

// The printable invoice (with its QR code) is costly: asked only when the person downloads it.
const InvoiceDocument = graphql(`
  query InvoiceDocument($id: ID!) {
    invoice(id: $id) {
      id
      document {
        fileName
        contentType
        content
      }
    }
  }
`);

/** One invoice to pay: what is due, the variable symbol, the PAY by square QR code and the PDF. */
export function InvoicePage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const { data, loading, error } = useQuery(InvoicePayment, { variables: { id } });
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const invoice = data?.invoice;

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const { data: file } = await client.query({ query: InvoiceDocument, variables: { id }, fetchPolicy: "network-only" });
      const document = file!.invoice.document;
      const bytes = Uint8Array.from(atob(document.content), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: document.contentType }));
      const link = Object.assign(window.document.createElement("a"), { href: url, download: document.fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (refused) {
      setDownloadError(refused);
    } finally {
      setDownloading(false);
    }
  }

  if (error) return <p className="problem">{isNotFound(error) ? t.errors.codes.NOT_FOUND : t.loadFailed}</p>;
  if (!invoice) return loading ? <p className="notice">{t.loading}</p> : null;
  const due = isPositive(invoice.amountDue.amount);
  return (
    <section className="finance">
      <h1>{t.finance.invoiceHeading(invoice.number)}</h1>
      <dl className="facts">
        <Fact label={t.finance.unit} value={invoice.unit?.designation ?? "—"} />
        <Fact label={t.finance.status} value={t.invoiceStatus[invoice.status]} />
        <Fact label={t.finance.issuedOn} value={formatDay(locale, invoice.issuedOn)} />
        <Fact label={t.finance.dueOn} value={formatDay(locale, invoice.dueOn)} />
        <Fact label={t.finance.total} value={formatMoney(locale, invoice.total)} />
        <Fact label={t.finance.amountDue} value={formatMoney(locale, invoice.amountDue)} />
        <Fact label={t.finance.variableSymbol} value={invoice.variableSymbol ?? "—"} />
      </dl>
      <h2>{t.finance.payHeading}</h2>
      {invoice.payBySquare ? (
        <figure className="pay-qr">
          <PayBySquareCode payload={invoice.payBySquare} label={t.finance.qrLabel(formatMoney(locale, invoice.amountDue), invoice.variableSymbol ?? "")} />
          <figcaption>{t.finance.qrHint}</figcaption>
        </figure>
      ) : (
        <p className="notice">{due ? t.finance.noQr : t.finance.nothingDue}</p>
      )}
      <p className="actions">
        <button type="button" className="secondary" disabled={downloading} onClick={() => void download()}>
          {downloading ? t.loading : t.finance.downloadPdf}
        </button>
      </p>
      {downloadError !== null && <Refused error={downloadError} />}
    </section>
  );
}
