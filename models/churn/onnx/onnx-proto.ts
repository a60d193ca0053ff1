/**
 * The slice of the ONNX schema (onnx/onnx.proto, IR version 8) that Ledgerlens exports: a graph of
 * nodes with attributes, initialisers, typed inputs/outputs and string metadata. Field numbers are
 * the schema's; see https://github.com/onnx/onnx/blob/main/onnx/onnx.proto.
 */
import { ProtoWriter } from './protobuf-writer.ts';

/** TensorProto.DataType values we use. */
export const TensorType = { FLOAT: 1, INT64: 7, DOUBLE: 11 } as const;
export type TensorElemType = (typeof TensorType)[keyof typeof TensorType];

export interface OnnxTensor {
  readonly name?: string;
  readonly type: TensorElemType;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number>;
}

export type OnnxAttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: ArrayLike<number> }
  | { readonly kind: 'floats'; readonly value: ArrayLike<number> }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'tensor'; readonly value: OnnxTensor };

export interface OnnxNode {
  readonly opType: string;
  readonly domain?: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

/** A tensor input/output; a null dimension is symbolic (the batch size). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: TensorElemType;
  readonly shape: readonly (number | string)[];
}

export interface OnnxModel {
  readonly producerVersion: string;
  readonly docString: string;
  readonly opsets: Readonly<Record<string, number>>;
  readonly graphName: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly metadata: Readonly<Record<string, string>>;
}

const IR_VERSION = 8;
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  w.packedInt64(1, t.dims);
  w.int64(2, t.type);
  if (t.name) w.string(8, t.name);
  if (t.type === TensorType.FLOAT) w.packedFloat(4, t.values);
  else if (t.type === TensorType.DOUBLE) w.packedDouble(10, t.values);
  else w.packedInt64(7, t.values);
}

function writeAttribute(w: ProtoWriter, name: string, a: OnnxAttributeValue): void {
  w.string(1, name);
  switch (a.kind) {
    case 'float': w.float(2, a.value); w.int64(20, AttributeType.FLOAT); break;
    case 'int': w.int64(3, a.value); w.int64(20, AttributeType.INT); break;
    case 'string': w.string(4, a.value); w.int64(20, AttributeType.STRING); break;
    case 'tensor': w.message(5, (t) => writeTensor(t, a.value)); w.int64(20, AttributeType.TENSOR); break;
    case 'floats': w.packedFloat(7, a.value); w.int64(20, AttributeType.FLOATS); break;
    case 'ints': w.packedInt64(8, a.value); w.int64(20, AttributeType.INTS); break;
    case 'strings': for (const s of a.value) w.string(9, s); w.int64(20, AttributeType.STRINGS); break;
  }
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) => type.message(1, (tensor) => {
    tensor.int64(1, v.type);
    tensor.message(2, (shape) => {
      for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int64(1, d) : dim.string(2, d)));
    });
  }));
}

/** Serialises a model to the bytes of an .onnx file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int64(1, IR_VERSION);
  w.string(2, 'ledgerlens');
  w.string(3, model.producerVersion);
  w.string(6, model.docString);
  w.message(7, (g) => {
    for (const n of model.nodes) {
      g.message(1, (node) => {
        for (const i of n.inputs) node.string(1, i);
        for (const o of n.outputs) node.string(2, o);
        node.string(3, n.name);
        node.string(4, n.opType);
        for (const [key, value] of Object.entries(n.attributes ?? {})) node.message(5, (attr) => writeAttribute(attr, key, value));
        if (n.domain) node.string(7, n.domain);
      });
    }
    g.string(2, model.graphName);
    for (const t of model.initializers) g.message(5, (tensor) => writeTensor(tensor, t));
    for (const v of model.inputs) g.message(11, (vi) => writeValueInfo(vi, v));
    for (const v of model.outputs) g.message(12, (vi) => writeValueInfo(vi, v));
  });
  for (const [domain, version] of Object.entries(model.opsets)) {
    w.message(8, (o) => {
      if (domain) o.string(1, domain);
      o.int64(2, version);
    });
  }
  for (const [key, value] of Object.entries(model.metadata)) {
    w.message(14, (e) => { e.string(1, key); e.string(2, value); });
  }
  return w.finish();
}
