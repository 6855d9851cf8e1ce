/** The end of every form: why the last attempt was refused (if it was) and the submit button, disabled while sending. */
export function FormActions({ problem, busy, submit }: { problem: string | null | undefined; busy: boolean; submit: string }) {
  return (
    <>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </>
  );
}
