// Every form's sending state: busy while its operation runs, why the server refused it (in
// Slovak, by code), and whether it was done.
import { useState } from "react";
import { messageFor, type Outcome } from "./errors.ts";

export function useSubmit(refusals: Parameters<typeof messageFor>[0]) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  /** Runs the operation once; true when it was done. */
  async function run(operation: () => Promise<Outcome>): Promise<boolean> {
    setBusy(true);
    const outcome = await operation();
    setBusy(false);
    setProblem(outcome.ok ? null : messageFor(refusals, outcome.code));
    setDone(outcome.ok);
    return outcome.ok;
  }
  return { problem, setProblem, busy, done, run };
}
