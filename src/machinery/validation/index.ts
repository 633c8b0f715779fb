// Entry point of the validation machinery: name formats, object metadata, label selectors, and
// the Go-faithful field error constructors the rest of the server builds kube's messages with.
export * from './names.js';
export * from './kind-names.js';
export * from './objectmeta.js';
export * from './meta-parts.js';
export * from './label-selector.js';
export * as field from './field.js';
export { goBadValue, goFloat, goNumber, goPlusV, goQuote, goSharpV, goStringSlice, goLiteral, GoLiteral } from './gofmt.js';
