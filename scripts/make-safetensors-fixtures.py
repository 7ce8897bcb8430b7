#!/usr/bin/python3
"""Writes the safetensors fixtures in tests/fixtures/tables/, by hand from the
format's specification (https://github.com/huggingface/safetensors#format):
an unsigned little-endian 64-bit header length N, N bytes of a JSON object
{name: {"dtype", "shape", "data_offsets": [begin, end]}} (optionally
"__metadata__"), then the tensors' little-endian bytes, offsets relative to the
end of the header. The safetensors package is not used (nor available here).
Expected values (float32, as numpy reads them) go to expected-safetensors.json.

Run with the Debian numpy: /usr/bin/python3 scripts/make-safetensors-fixtures.py
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'tables')
os.makedirs(OUT, exist_ok=True)
expected = {}


def encode(tensors, metadata=None, pad_to=8):
    """tensors: list of (name, dtype string, shape, raw little-endian bytes)."""
    header = {}
    if metadata is not None:
        header['__metadata__'] = metadata
    offset = 0
    for name, dtype, shape, raw in tensors:
        header[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * ((-len(text)) % pad_to)  # the spec allows trailing spaces; aligns the data
    return struct.pack('<Q', len(text)) + text + b''.join(raw for _, _, _, raw in tensors)


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def bf16_bytes(values):
    # bfloat16: the upper 16 bits of float32 (values chosen to be exact).
    bits = values.astype('<f4').view('<u4') >> 16
    return bits.astype('<u2').tobytes()


rng = np.random.default_rng(17)
matrix = (rng.integers(-64, 64, size=(6, 5)) / 32).astype(np.float32)  # exact in every float dtype here

for dtype, raw in [
    ('F32', matrix.astype('<f4').tobytes()),
    ('F64', matrix.astype('<f8').tobytes()),
    ('F16', matrix.astype('<f2').tobytes()),
    ('BF16', bf16_bytes(matrix)),
]:
    name = f'embeddings-{dtype.lower()}.safetensors'
    write(name, encode([('embeddings', dtype, matrix.shape, raw)], metadata={'format': 'pt'}))
    expected[name] = {'shape': list(matrix.shape), 'values': [float(v) for v in matrix.ravel()]}

# A model-like file: a 2-D tensor among others, picked by name; and ambiguity without one.
bias = np.arange(5, dtype='<f4')
ids = np.arange(6, dtype='<i8')
other = (matrix * 2).astype('<f4')
write('several.safetensors', encode([
    ('bias', 'F32', bias.shape, bias.tobytes()),
    ('embeddings', 'F32', matrix.shape, matrix.astype('<f4').tobytes()),
    ('ids', 'I64', ids.shape, ids.tobytes()),
    ('projection', 'F32', other.shape, other.tobytes()),
]))
expected['several.safetensors'] = {'shape': list(matrix.shape), 'values': [float(v) for v in matrix.ravel()], 'tensor': 'embeddings',
                                   'candidates': ['embeddings', 'projection']}

# Bad files.
ints = (matrix * 32).astype('<i4')
write('int32.safetensors', encode([('embeddings', 'I32', ints.shape, ints.tobytes())]))
whole = encode([('embeddings', 'F32', matrix.shape, matrix.astype('<f4').tobytes())])
write('truncated.safetensors', whole[:len(whole) - 17])
bad_offsets = bytearray(encode([('embeddings', 'F32', (6, 4), matrix.astype('<f4').tobytes())]))
write('wrong-offsets.safetensors', bytes(bad_offsets))
cube = np.zeros((2, 3, 4), dtype='<f4')
write('cube.safetensors', encode([('embeddings', 'F32', cube.shape, cube.tobytes())]))
nan = matrix.copy()
nan[2, 3] = np.nan
write('nan.safetensors', encode([('embeddings', 'F32', nan.shape, nan.astype('<f4').tobytes())]))
expected['nan.safetensors'] = {'row': 3, 'column': 4}

with open(os.path.join(OUT, 'expected-safetensors.json'), 'w') as f:
    json.dump(expected, f, indent=1)
    f.write('\n')
print(f'wrote {len(expected)} expected entries to {OUT}')
