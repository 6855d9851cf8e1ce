import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own box on a phone instead of widening the page. The
 * box is a labelled region that takes focus, so a keyboard can scroll it too (axe's
 * scrollable-region-focusable).
 */
export function ScrollTable({ label, headings, children }: { label: string; headings: readonly ReactNode[]; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="units">
        <thead>
          <tr>
            {headings.map((heading, i) => (
              <th scope="col" key={i}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
