// The portal's i18n layer (see @ppt/client-shared's createI18n): its dictionaries and formatters, so
// every screen's `t` and `format` are checked against this app's own keys.
import { createI18n } from "@ppt/client-shared";
import { formatterFor } from "../format.ts";
import { dictionaries } from "./messages.ts";

export const { I18nProvider, useI18n, LanguageSwitcher } = createI18n(dictionaries, formatterFor);
