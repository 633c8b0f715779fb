// The two ways a protobuf request body can fail to decode, as StatusErrors the HTTP layer can send
// unchanged. A body we cannot map onto our schema tables (unknown apiVersion/kind, an unknown field
// number, an unsupported content encoding) is 415 UnsupportedMediaType: the client may retry with
// JSON, and we would rather fail loudly than silently drop a field. A body that is not valid protobuf
// wire data at all is 400 BadRequest, as kube-apiserver answers for undecodable bodies.
import { StatusError } from '../errors.js';

export class ProtobufSchemaError extends StatusError {
  constructor(message: string) {
    super(415, 'UnsupportedMediaType', message);
    this.name = 'ProtobufSchemaError';
  }
}

export class ProtobufWireError extends StatusError {
  constructor(message: string) {
    super(400, 'BadRequest', message);
    this.name = 'ProtobufWireError';
  }
}
