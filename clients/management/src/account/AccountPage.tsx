import type { ReactNode } from "react";
import { Link } from "wouter";
import { LanguageSwitcher, useI18n } from "../i18n/I18nContext.tsx";

/** The frame of the pages an e-mail's link opens: they work signed in or not. */
export function AccountPage({ heading, children }: { heading: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="signed-out">
      <LanguageSwitcher />
      <h1>{t.appName}</h1>
      <h2>{heading}</h2>
      {children}
    </section>
  );
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <p className="done" role="status">
      {children}
    </p>
  );
}

export function Problem({ children }: { children: ReactNode }) {
  return (
    <p className="problem" role="alert">
      {children}
    </p>
  );
}

export function ToSignIn() {
  const { t } = useI18n();
  return (
    <p>
      <Link href="/">{t.account.toSignIn}</Link>
    </p>
  );
}
