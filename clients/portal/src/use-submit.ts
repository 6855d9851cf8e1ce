// Every form's sending state: busy while its operation runs, why it was refused (the server's
// code in the reader's language, or the form's own check), and whether it was done.
import { useState } from "react";
import { describeRefusal, type Outcome, type Refusal, type RefusalWording } from "@ppt/client-shared";
import { useI18n } from "./i18n/I18nContext.tsx";
import type { Messages } from "./i18n/sk.ts";

/** `wording` picks the form's own words for the server's codes from the current language. */
export function useSubmit(wording: (t: Messages) => RefusalWording) {
  const { t } = useI18n();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [ownProblem, setOwnProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  /** Runs the operation once; true when it was done. */
  async function run(operation: () => Promise<Outcome>): Promise<boolean> {
    setBusy(true);
    const outcome = await operation();
    setBusy(false);
    setOwnProblem(null);
    setRefusal(outcome.ok ? null : outcome);
    setDone(outcome.ok);
    return outcome.ok;
  }
  /** A problem the form found itself (already worded), replacing the server's. */
  function setProblem(problem: string | null) {
    setRefusal(null);
    setOwnProblem(problem);
  }
  const problem = ownProblem ?? (refusal ? describeRefusal(t, refusal, wording(t)) : null);
  return { problem, setProblem, busy, done, run };
}
