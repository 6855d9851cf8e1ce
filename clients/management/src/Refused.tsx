import { describeRefusal, refusalOf, type RefusalWording } from "@ppt/client-shared";
import { useI18n } from "./i18n/I18nContext.tsx";

/** Why an operation failed, from the server's code, in the reader's language (never the server's English message). */
export function Refused({ error, wording }: { error: unknown; wording?: RefusalWording }) {
  const { t } = useI18n();
  return (
    <p className="problem" role="alert">
      {describeRefusal(t, refusalOf(error), wording)}
    </p>
  );
}
