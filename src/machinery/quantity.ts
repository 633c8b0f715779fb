// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource Quantity): `100m`, `0.5`,
// `64Mi`, `1G`, `1e3`, `1.5k`. A quantity is parsed into an exact rational (BigInt numerator and
// denominator) so that `toMilli` and `toValue` round exactly as Quantity.MilliValue() and Value()
// do: up, away from zero, to the nearest integer.
// Deliberately not here: serialising back to canonical form, arithmetic between quantities, and
// ParseQuantity's leniency for inputs with no digit at all (`m`, `.`), which we reject as the
// OpenAPI pattern for quantities does.

export interface Quantity { num: bigint; den: bigint }

const FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_ERROR = "unable to parse quantity's suffix";
const MAX_EXPONENT = 10_000;

/** base^exponent multipliers of the binarySI and decimalSI suffixes. */
const SUFFIXES: Record<string, { base: bigint; exp: number }> = {
  Ki: { base: 2n, exp: 10 }, Mi: { base: 2n, exp: 20 }, Gi: { base: 2n, exp: 30 },
  Ti: { base: 2n, exp: 40 }, Pi: { base: 2n, exp: 50 }, Ei: { base: 2n, exp: 60 },
  n: { base: 10n, exp: -9 }, u: { base: 10n, exp: -6 }, m: { base: 10n, exp: -3 }, '': { base: 10n, exp: 0 },
  k: { base: 10n, exp: 3 }, M: { base: 10n, exp: 6 }, G: { base: 10n, exp: 9 },
  T: { base: 10n, exp: 12 }, P: { base: 10n, exp: 15 }, E: { base: 10n, exp: 18 },
};

function invalid(input: string, why: string): Error {
  return new Error(`invalid quantity "${input}": ${why}`);
}

function suffixMultiplier(input: string, suffix: string): { base: bigint; exp: number } {
  const known = SUFFIXES[suffix];
  if (known) return known;
  // decimalExponent: e or E followed by a signed integer (`1e3`, `5E-2`); a bare `E` is exa above.
  const m = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (!m) throw invalid(input, SUFFIX_ERROR);
  const exp = Number(m[1]);
  if (Math.abs(exp) > MAX_EXPONENT) throw invalid(input, SUFFIX_ERROR);
  return { base: 10n, exp };
}

/** Parses a quantity into an exact rational; throws an Error naming the input when it is invalid. */
export function parseQuantity(input: string): Quantity {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(input);
  if (!m || input === '' || `${m[2]}${m[3] ?? ''}` === '') throw invalid(input, FORMAT_ERROR);
  const [, sign, whole, frac = '', suffix = ''] = m;
  // Anything after the suffix letters that is not an exponent is a format error, as in kube.
  if (!/^[eEinumkKMGTP]*[-+]?\d*$/.test(suffix)) throw invalid(input, FORMAT_ERROR);
  const { base, exp } = suffixMultiplier(input, suffix);
  let num = BigInt(`${whole}${frac}` || '0');
  let den = 10n ** BigInt(frac.length);
  if (exp >= 0) num *= base ** BigInt(exp);
  else den *= base ** BigInt(-exp);
  return { num: sign === '-' ? -num : num, den };
}

/** Divides rounding up away from zero, as Quantity.ScaledValue does. */
function ceilAwayFromZero(num: bigint, den: bigint): number {
  const q = num / den;
  const exact = q * den === num;
  if (exact) return Number(q);
  return Number(num < 0n ? q - 1n : q + 1n);
}

function toQuantity(q: string | Quantity): Quantity {
  return typeof q === 'string' ? parseQuantity(q) : q;
}

/** Quantity.MilliValue(): the value in thousandths (millicores for cpu), rounded up. */
export function toMilli(q: string | Quantity): number {
  const { num, den } = toQuantity(q);
  return ceilAwayFromZero(num * 1000n, den);
}

/** Quantity.Value(): the value in units (bytes for memory), rounded up. */
export function toValue(q: string | Quantity): number {
  const { num, den } = toQuantity(q);
  return ceilAwayFromZero(num, den);
}
