import { useState, type FormEvent } from "react";
import { comparePrices, parsePriceInput } from "../format.ts";
import type { TransactionType } from "../generated/graphql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { emptySearch, type SearchForm as Search } from "./search-params.ts";

interface Props {
  initial: Search;
  /** Cities with published listings (facets of the current result), offered as suggestions. */
  cities: readonly { value: string; count: number }[];
  onSearch: (search: Search) => void;
}

/** The filter form: city, sale or rent, price range. Prices are checked before they are sent. */
export function SearchForm({ initial, cities, onSearch }: Props) {
  const { t, locale } = useI18n();
  const [city, setCity] = useState(initial.city);
  const [transactionType, setTransactionType] = useState<TransactionType | "">(initial.transactionType);
  const [minPrice, setMinPrice] = useState(initial.minPrice);
  const [maxPrice, setMaxPrice] = useState(initial.maxPrice);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const min = minPrice.trim() ? parsePriceInput(minPrice, locale) : "";
    const max = maxPrice.trim() ? parsePriceInput(maxPrice, locale) : "";
    if (min === null || max === null) return setProblem(t.search.invalidPrice);
    if (min && max && comparePrices(min, max) > 0) return setProblem(t.search.priceRange);
    setProblem(null);
    onSearch({ city: city.trim(), transactionType, minPrice: min, maxPrice: max });
  }

  function reset() {
    setCity("");
    setTransactionType("");
    setMinPrice("");
    setMaxPrice("");
    setProblem(null);
    onSearch(emptySearch);
  }

  return (
    <form className="search-form" onSubmit={submit} role="search">
      <label>
        {t.search.city}
        <input value={city} onChange={(e) => setCity(e.target.value)} placeholder={t.search.cityPlaceholder} list="cities" />
        <datalist id="cities">
          {cities.map((c) => (
            <option key={c.value} value={c.value} />
          ))}
        </datalist>
      </label>
      <label>
        {t.search.transactionType}
        <select value={transactionType} onChange={(e) => setTransactionType(e.target.value as TransactionType | "")}>
          <option value="">{t.search.anyTransaction}</option>
          {(Object.keys(t.transactionType) as TransactionType[]).map((type) => (
            <option key={type} value={type}>
              {t.transactionType[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.search.minPrice}
        <input value={minPrice} onChange={(e) => setMinPrice(e.target.value)} inputMode="decimal" placeholder={t.search.pricePlaceholder} />
      </label>
      <label>
        {t.search.maxPrice}
        <input value={maxPrice} onChange={(e) => setMaxPrice(e.target.value)} inputMode="decimal" placeholder={t.search.pricePlaceholder} />
      </label>
      <div className="actions">
        <button type="submit">{t.search.submit}</button>
        <button type="button" className="secondary" onClick={reset}>
          {t.search.reset}
        </button>
      </div>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
