// How kube-apiserver reports strict field validation (fieldValidation=Strict|Warn), verified in
// k8s.io/apiserver/pkg/endpoints/handlers (create.go, update.go, patch.go, rest.go) and
// k8s.io/apimachinery/pkg/runtime (strictDecodingError):
// - each violation is `unknown field "p"` / `duplicate field "p"`;
// - Strict on create/update: 400 BadRequest
//   `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: <e1>, <e2>`;
// - Strict on json/merge/strategic patch: 422 Invalid with an empty kind and name:
//   ` "" is invalid: patch: Invalid value: "<patched>": strict decoding error: ...`;
// - Strict on server-side apply: 400 `error strict decoding YAML: <yaml error>`;
// - Warn: one Warning header per violation, its text the violation message.
// Transport concerns (the `299 - "..."` header encoding) belong to the HTTP layer.
import { StatusError } from '../../machinery/errors.js';
import { goBadValue, goQuote } from '../../machinery/validation/gofmt.js';
import type { StrictError } from './strict.js';

/** The text of one violation; the JSON decoder quotes the path with strconv.Quote. */
export function strictErrorText(e: StrictError): string {
  return `${e.type === 'unknown' ? 'unknown field' : 'duplicate field'} ${goQuote(e.path)}`;
}

/** Unknown fields found by CRD pruning are printed with %s between literal quotes (no escaping). */
export function prunedFieldText(path: string): string {
  return `unknown field "${path}"`;
}

/** runtime.NewStrictDecodingError(...).Error(). */
export function strictDecodingMessage(texts: readonly string[]): string {
  return `strict decoding error: ${texts.join(', ')}`;
}

/** 400 for a create or update body that fails strict decoding (transformDecodeError). */
export function strictBodyError(kind: string, version: string, texts: readonly string[]): StatusError {
  return new StatusError(400, 'BadRequest',
    `${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${strictDecodingMessage(texts)}`);
}

/**
 * 422 for a patch whose result fails strict decoding. `shownValue` is what kube prints: the patched
 * object's JSON text for json and merge patches, goPlusV(patch map) for strategic merge patches.
 */
export function strictPatchError(shownValue: string, texts: readonly string[]): StatusError {
  const body = `Invalid value: ${goBadValue(shownValue)}: ${strictDecodingMessage(texts)}`;
  return new StatusError(422, 'Invalid', ` "" is invalid: patch: ${body}`, {
    causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }],
  });
}

/** A JSON patch's own strict errors (unknown keys in its operations) carry this prefix. */
export function jsonPatchStrictText(e: StrictError): string {
  return `json patch ${strictErrorText(e)}`;
}

/** 400 for a server-side apply body with strict YAML errors. */
export function strictApplyError(yamlError: string): StatusError {
  return new StatusError(400, 'BadRequest', `error strict decoding YAML: ${yamlError}`);
}

const YAML_SHORT_PREFIX = 'yaml: unmarshal errors:\n';
const YAML_LONG_PREFIX = 'error converting YAML to JSON: yaml: unmarshal errors:\n';

/**
 * The Warning texts for fieldValidation=Warn: one per violation; multi-line YAML errors are split
 * into their lines (parseYAMLWarnings), other texts are kept whole.
 */
export function strictWarnings(texts: readonly string[]): string[] {
  return texts.flatMap((text) => {
    const prefix = [YAML_SHORT_PREFIX, YAML_LONG_PREFIX].find((p) => text.startsWith(p));
    if (!prefix) return [text];
    return text.slice(prefix.length).split('\n').map((s) => s.trim());
  });
}
