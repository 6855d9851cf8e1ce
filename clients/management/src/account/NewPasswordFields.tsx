import { useI18n } from "../i18n/I18nContext.tsx";

export const MIN_PASSWORD = 10;

/** A new password typed twice; the server's rule (at least 10 characters) is checked here first. */
export function NewPasswordFields(props: {
  label: string;
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {props.label}
        <input
          type="password"
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          required
        />
      </label>
      <label>
        {t.account.confirmPassword}
        <input type="password" value={props.confirm} onChange={(e) => props.onConfirm(e.target.value)} autoComplete="new-password" required />
      </label>
    </>
  );
}

/** What is wrong with the typed password before it is sent, or null. */
export function passwordProblem(t: ReturnType<typeof useI18n>["t"], password: string, confirm: string): string | null {
  if (password.trim().length < MIN_PASSWORD) return t.account.passwordTooShort;
  if (password !== confirm) return t.account.passwordsDiffer;
  return null;
}
