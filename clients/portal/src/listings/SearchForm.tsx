import { useState, type FormEvent } from "react";
import { comparePrices, parsePriceInput } from "../format.ts";
import type { TransactionType } from "../generated/graphql.ts";
import { sk } from "../strings.ts";
import { emptySearch, type SearchForm as Search } from "./search-params.ts";

interface Props {
  initial: Search;
  /** Cities with published listings (facets of the current result), offered as suggestions. */
  cities: readonly { value: string; count: number }[];
  onSearch: (search: Search) => void;
}

/** The filter form: city, sale or rent, price range. Prices are checked before they are sent. */
export function SearchForm({ initial, cities, onSearch }: Props) {
  const [city, setCity] = useState(initial.city);
  const [transactionType, setTransactionType] = useState<TransactionType | "">(initial.transactionType);
  const [minPrice, setMinPrice] = useState(initial.minPrice);
  const [maxPrice, setMaxPrice] = useState(initial.maxPrice);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const min = minPrice.trim() ? parsePriceInput(minPrice) : "";
    const max = maxPrice.trim() ? parsePriceInput(maxPrice) : "";
    if (min === null || max === null) return setProblem(sk.search.invalidPrice);
    if (min && max && comparePrices(min, max) > 0) return setProblem(sk.search.priceRange);
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
        {sk.search.city}
        <input value={city} onChange={(e) => setCity(e.target.value)} placeholder={sk.search.cityPlaceholder} list="cities" />
        <datalist id="cities">
          {cities.map((c) => (
            <option key={c.value} value={c.value} />
          ))}
        </datalist>
      </label>
      <label>
        {sk.search.transactionType}
        <select value={transactionType} onChange={(e) => setTransactionType(e.target.value as TransactionType | "")}>
          <option value="">{sk.search.anyTransaction}</option>
          {(Object.keys(sk.transactionType) as TransactionType[]).map((type) => (
            <option key={type} value={type}>
              {sk.transactionType[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {sk.search.minPrice}
        <input value={minPrice} onChange={(e) => setMinPrice(e.target.value)} inputMode="decimal" placeholder={sk.search.pricePlaceholder} />
      </label>
      <label>
        {sk.search.maxPrice}
        <input value={maxPrice} onChange={(e) => setMaxPrice(e.target.value)} inputMode="decimal" placeholder={sk.search.pricePlaceholder} />
      </label>
      <div className="actions">
        <button type="submit">{sk.search.submit}</button>
        <button type="button" className="secondary" onClick={reset}>
          {sk.search.reset}
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
