// Money helpers live beside the supplier adapters, which read suppliers' decimal prices; the
// core re-exports them so both sides round the same way.
export { currencyDecimals, toMinorUnits, fromMinorUnits } from "@premiumcdkeys/suppliers";
