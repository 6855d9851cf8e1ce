import { usePermission } from "../session/SessionContext.tsx";
import { FinanceAdmin } from "./FinanceAdmin.tsx";
import { MyFinances } from "./MyFinances.tsx";

/** Staff land on the buildings' accounts, everyone else on their own units' money. */
export function FinancePage() {
  return usePermission("financial:write") ? <FinanceAdmin /> : <MyFinances />;
}
