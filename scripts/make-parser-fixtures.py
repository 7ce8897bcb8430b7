#!/usr/bin/python3
"""Writes the parser fixtures in tests/fixtures/parsers/ and expected.json beside them.

The .npy files come from numpy itself (numpy.save / numpy.lib.format.write_array),
and the expected values are what numpy reads back as float32, so the JS tests
compare against numpy rather than against the parser's own output.

Run with the Debian numpy: /usr/bin/python3 scripts/make-parser-fixtures.py
"""
import io
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'parsers')
expected = {}
rng = np.random.default_rng(3)


def path(name):
    return os.path.join(OUT, name)


def write_bytes(name, data):
    with open(path(name), 'wb') as f:
        f.write(data)


def expect_values(name, array, labels=None, **extra):
    """Records the float32 values numpy sees, in row-major order of an [n, d] view."""
    a = np.asarray(array, dtype=np.float32)
    if a.ndim == 1:
        a = a.reshape(1, -1)
    entry = {'shape': list(a.shape), 'values': [float(x) for x in np.ascontiguousarray(a).ravel()]}
    if labels is not None:
        entry['labels'] = list(labels)
    entry.update(extra)
    expected[name] = entry


def expect_error(name, contains, **where):
    expected[name] = {'error': {'contains': contains, **where}}


def npy_data_offset(name, array):
    return os.path.getsize(path(name)) - array.nbytes


def write_npy(name, array, version=None, **kw):
    if version is None:
        np.save(path(name), array, **kw)
    else:
        with open(path(name), 'wb') as f:
            np.lib.format.write_array(f, array, version=version, **kw)


def make_npy():
    base = rng.standard_normal((5, 4)).astype(np.float32)
    for descr in ['<f4', '<f8', '>f4', '>f8', '<f2', '>f2']:
        a = base.astype(descr)
        name = 'dtype-%s.npy' % descr.replace('<', 'le-').replace('>', 'be-')
        write_npy(name, a)
        expect_values(name, np.load(path(name)))
    ints = np.round(base * 40)
    for descr in ['|i1', '|u1', '<i2', '>i2', '<i4', '>i4', '<i8', '>i8', '<u2', '>u2', '<u4', '>u4', '<u8', '>u8']:
        values = np.abs(ints) if 'u' in descr else ints
        a = values.astype(descr)
        name = 'dtype-%s.npy' % descr.replace('<', 'le-').replace('>', 'be-').replace('|', '')
        write_npy(name, a)
        expect_values(name, np.load(path(name)))
    write_npy('dtype-b1.npy', base > 0)
    expect_values('dtype-b1.npy', base > 0)

    tall = rng.standard_normal((6, 3)).astype(np.float32)
    write_npy('fortran-f4.npy', np.asfortranarray(tall))
    expect_values('fortran-f4.npy', tall)
    write_npy('fortran-be-f8.npy', np.asfortranarray(tall.astype('>f8')))
    expect_values('fortran-be-f8.npy', tall)
    write_npy('version-2.npy', base, version=(2, 0))
    expect_values('version-2.npy', base)
    write_npy('version-3.npy', base, version=(3, 0))
    expect_values('version-3.npy', base)
    write_npy('one-d.npy', base[0])
    expect_values('one-d.npy', base[0])
    write_npy('one-row.npy', base[:1])
    expect_values('one-row.npy', base[:1])

    write_npy('truncated.npy', base)
    full = open(path('truncated.npy'), 'rb').read()
    write_bytes('truncated.npy', full[:-7])
    expect_error('truncated.npy', 'truncated', offset=len(full) - 7)
    write_bytes('truncated-header.npy', full[:20])
    expect_error('truncated-header.npy', 'truncated', offset=20)

    write_npy('complex.npy', base.astype(np.complex64))
    expect_error('complex.npy', 'complex')
    objects = np.empty(2, dtype=object)
    objects[0], objects[1] = [1.0, 2.0], [3.0]
    write_npy('object.npy', objects, allow_pickle=True)
    expect_error('object.npy', 'object')
    structured = np.zeros(3, dtype=[('a', '<f4'), ('b', '<i4')])
    write_npy('structured.npy', structured)
    expect_error('structured.npy', 'structured')
    write_npy('strings.npy', np.array(['ab', 'cd']))
    expect_error('strings.npy', 'string')
    write_npy('three-d.npy', np.zeros((2, 2, 2), dtype=np.float32))
    expect_error('three-d.npy', '2-D')
    write_npy('zero-d.npy', np.zeros((5, 0), dtype=np.float32))
    expect_error('zero-d.npy', 'd = 0')

    bad = base.copy()
    bad[2, 1] = np.nan
    write_npy('nan.npy', bad)
    expect_error('nan.npy', 'NaN', row=3, column=2, offset=npy_data_offset('nan.npy', bad) + (2 * 4 + 1) * 4)
    bad = np.asfortranarray(base.astype(np.float64))
    bad[1, 3] = -np.inf
    write_npy('inf-fortran-f8.npy', bad)
    expect_error('inf-fortran-f8.npy', 'Infinity', row=2, column=4,
                 offset=npy_data_offset('inf-fortran-f8.npy', bad) + (3 * 5 + 1) * 8)
    bad = base.astype(np.float64)
    bad[0, 2] = 1e39
    write_npy('overflow-f8.npy', bad)
    expect_error('overflow-f8.npy', 'out of float32 range', row=1, column=3)


def projector_tsv(array):
    # What the Embedding Projector's docs and TensorFlow's tooling write: str() of each float32.
    return ''.join('\t'.join(str(x) for x in row) + '\n' for row in array)


def make_text():
    vectors = rng.standard_normal((8, 6)).astype(np.float32)
    vectors[:, 1] *= 1e-5  # str() switches to exponents here
    vectors[:, 4] *= 1e6
    words = ['apple', 'banana', 'cherry', 'date', 'elder', 'fig', 'grape', 'honeydew']
    groups = ['fruit', 'fruit', 'stone', 'palm', 'shrub', 'tree', 'vine', 'melon']
    write_bytes('vectors.tsv', projector_tsv(vectors).encode())
    expect_values('vectors.tsv', vectors)
    write_bytes('metadata.tsv', ''.join(w + '\n' for w in words).encode())
    expected['metadata.tsv'] = {'columns': ['label'], 'rows': [[w] for w in words]}
    write_bytes('metadata-multi.tsv', ('word\tgroup\n' + ''.join('%s\t%s\n' % r for r in zip(words, groups))).encode())
    expected['metadata-multi.tsv'] = {'columns': ['word', 'group'], 'rows': [list(r) for r in zip(words, groups)]}
    write_bytes('metadata-short.tsv', ''.join(w + '\n' for w in words[:7]).encode())
    expect_error('metadata-short.tsv', '8 rows')

    # A label column in front, one label with bytes that are not UTF-8 (latin-1 "café").
    raw_labels = [w.encode() for w in words]
    raw_labels[3] = b'caf\xe9'
    lines = b''.join(l + b'\t' + '\t'.join(str(x) for x in row).encode() + b'\n' for l, row in zip(raw_labels, vectors))
    write_bytes('labelled.tsv', lines)
    expect_values('labelled.tsv', vectors, labels=[l.decode('utf-8', 'replace') for l in raw_labels])

    # CSV with a BOM, a header, CRLF, RFC 4180 quotes, exponents and a trailing blank line.
    small = vectors[:4, :3].astype(np.float64)
    cells = [['%.6e' % small[i, 0], '%.4E' % small[i, 1], repr(float(small[i, 2]))] for i in range(4)]
    labels = ['plain', 'Smith, "J"', 'two\nlines', 'end']
    quoted = ['"%s"' % l.replace('"', '""') if any(c in l for c in ',"\n') else l for l in labels]
    text = 'label,d0,d1,d2\r\n' + ''.join('%s,%s\r\n' % (q, ','.join(c)) for q, c in zip(quoted, cells)) + '\r\n'
    write_bytes('header.csv', b'\xef\xbb\xbf' + text.encode())
    expect_values('header.csv', [[np.float32(float(x)) for x in c] for c in cells], labels=labels)

    plain = vectors[:3]
    write_bytes('no-header.csv', ''.join(','.join(str(x) for x in row) + '\n' for row in plain).encode())
    expect_values('no-header.csv', plain)
    with open(path('savetxt.txt'), 'w') as f:
        np.savetxt(f, vectors[:3].astype(np.float64))
    expect_values('savetxt.txt', vectors[:3].astype(np.float64))

    # Bad text files; line and column are 1-based, columns count fields.
    write_bytes('empty.tsv', b'')
    expect_error('empty.tsv', 'empty')
    write_bytes('header-only.csv', b'label,d0,d1\n')
    expect_error('header-only.csv', 'header only', line=1)
    write_bytes('ragged.tsv', projector_tsv(vectors[:3]).encode() + b'1\t2\n')
    expect_error('ragged.tsv', 'expected 6 fields, found 2', line=4)
    rows = projector_tsv(vectors[:5]).split('\n')
    fields = rows[3].split('\t')
    fields[2] = 'abc'
    rows[3] = '\t'.join(fields)
    write_bytes('non-numeric.tsv', '\n'.join(rows).encode())
    expect_error('non-numeric.tsv', 'expected a number, found "abc"', line=4, column=3)
    fields[2] = 'NaN'
    rows[3] = '\t'.join(fields)
    write_bytes('nan.tsv', '\n'.join(rows).encode())
    expect_error('nan.tsv', 'NaN', line=4, column=3)
    write_bytes('inf.csv', b'a,b,c\n1,2,3\n4,-inf,6\n')
    expect_error('inf.csv', 'infinite', line=3, column=2)
    write_bytes('labels-only.tsv', b'apple\nbanana\ncherry\n')
    expect_error('labels-only.tsv', 'd = 0')


def make_json():
    vectors = rng.standard_normal((3, 4)).astype(np.float32)
    as_lists = [[float(x) for x in row] for row in vectors]
    words = ['alpha', 'beta', 'gamma']
    with open(path('array.json'), 'w') as f:
        json.dump(as_lists, f)
    expect_values('array.json', vectors)
    with open(path('object.json'), 'w') as f:
        json.dump({'embeddings': as_lists, 'labels': words}, f, indent=2)
    expect_values('object.json', vectors, labels=words)
    records = [{'id': i, 'text': w, 'embedding': v} for i, (w, v) in enumerate(zip(words, as_lists))]
    with open(path('records.json'), 'w') as f:
        json.dump(records, f, indent=1)
    expect_values('records.json', vectors, labels=words)
    with open(path('records.jsonl'), 'w') as f:
        f.write(''.join(json.dumps(r) + '\n' for r in records))
    expect_values('records.jsonl', vectors, labels=words)
    with open(path('arrays.jsonl'), 'w') as f:
        f.write(''.join(json.dumps(v) + '\n' for v in as_lists))
    expect_values('arrays.jsonl', vectors)
    response = {'object': 'list', 'model': 'some-embedding-model',
                'data': [{'object': 'embedding', 'index': i, 'embedding': v} for i, v in enumerate(as_lists)]}
    with open(path('api-response.json'), 'w') as f:
        json.dump(response, f)
    expect_values('api-response.json', vectors)
    # Python's json writes NaN, which is not JSON.
    with open(path('nan.jsonl'), 'w') as f:
        bad = [list(v) for v in as_lists]
        bad[1][2] = float('nan')
        f.write(''.join(json.dumps(v) + '\n' for v in bad))
    expect_error('nan.jsonl', 'NaN', line=2)
    with open(path('labels-mismatch.json'), 'w') as f:
        json.dump({'embeddings': as_lists, 'labels': words[:2]}, f)
    expect_error('labels-mismatch.json', '2 labels for 3 rows')


def npy_header_bytes(header, version=1):
    """A .npy prefix (magic, version, header length) and header, padded the way numpy pads it."""
    prefix = 10 if version == 1 else 12
    encoded = header.encode('utf-8' if version == 3 else 'latin1')
    encoded += b' ' * ((64 - (prefix + len(encoded) + 1) % 64) % 64) + b'\n'
    length = struct.pack('<H' if version == 1 else '<I', len(encoded))
    return b'\x93NUMPY' + bytes([version, 0]) + length + encoded


def numpy_load(data):
    """What numpy.load makes of the bytes: the array, or the error it raises."""
    try:
        return np.load(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - any refusal is what we record
        return e


def make_npy_headers():
    """Headers that lie about the data. Each comment says what numpy does with the file."""
    base = np.arange(20, dtype='<f4').reshape(5, 4) / 8
    write_npy('header-base.npy', base)
    full = open(path('header-base.npy'), 'rb').read()
    os.remove(path('header-base.npy'))
    header_length = struct.unpack('<H', full[8:10])[0]
    data_offset = 10 + header_length

    # HEADER_LEN 8 short: numpy reads the last padding bytes as data, silently.
    short = full[:8] + struct.pack('<H', header_length - 8) + full[10:]
    assert isinstance(numpy_load(short[:len(short) - 8]), np.ndarray)
    write_bytes('header-length-short.npy', short)
    expect_error('header-length-short.npy', 'do not end with a line break', offset=data_offset - 9)
    # HEADER_LEN 8 long, into the data: numpy fails to evaluate the header.
    long = full[:8] + struct.pack('<H', header_length + 8) + full[10:]
    assert isinstance(numpy_load(long), ValueError)
    write_bytes('header-length-long.npy', long)
    expect_error('header-length-long.npy', 'do not end with a line break', offset=data_offset + 7)
    # Data beyond shape x itemsize: numpy ignores it.
    assert isinstance(numpy_load(full + bytes(8)), np.ndarray)
    write_bytes('extra-data.npy', full + bytes(8))
    expect_error('extra-data.npy', '8 bytes after the data', offset=len(full))
    # A header with no line break before the data: numpy reads it.
    no_newline = full[:data_offset - 1] + b' ' + full[data_offset:]
    assert isinstance(numpy_load(no_newline), np.ndarray)
    write_bytes('header-no-newline.npy', no_newline)
    expect_error('header-no-newline.npy', 'do not end with a line break', offset=data_offset - 1)

    # 'descr' twice: numpy's ast.literal_eval keeps the last, so it reads these float32 bytes as int32.
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), 'descr': '<i4', }"
    repeated = npy_header_bytes(header) + base.tobytes()
    assert numpy_load(repeated).dtype == np.int32
    write_bytes('repeated-descr.npy', repeated)
    expect_error('repeated-descr.npy', "repeated key 'descr'", offset=10 + header.rindex("'descr'"))
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), 'dtype': '<f4', }"
    extra_key = npy_header_bytes(header) + base.tobytes()
    assert isinstance(numpy_load(extra_key), ValueError)
    write_bytes('extra-key.npy', extra_key)
    expect_error('extra-key.npy', "unexpected key 'dtype'", offset=10 + header.index("'dtype'"))

    # Version 3.0 headers are UTF-8; numpy raises UnicodeDecodeError on this one.
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), }"
    good = npy_header_bytes(header, version=3)
    bad_at = 12 + len(header) + 2
    invalid = good[:bad_at] + b'\xff' + good[bad_at + 1:] + base.tobytes()
    assert isinstance(numpy_load(invalid), UnicodeDecodeError)
    write_bytes('v3-invalid-utf8.npy', invalid)
    expect_error('v3-invalid-utf8.npy', 'invalid UTF-8', offset=bad_at)


def make_text_edge_cases():
    # A first row with numbers and text is neither a header nor data.
    write_bytes('partly-numeric.csv', b'1,2,abc\n4,5,6\n7,8,9\n')
    expect_error('partly-numeric.csv', 'expected a number, found "abc": the first row mixes numbers', line=1, column=3)
    # A tab where the commas were: the error points at the tab (columns in characters here).
    write_bytes('mixed-delimiters.csv', b'1,2\t3\n4\t5,6\n')
    expect_error('mixed-delimiters.csv', 'mixed delimiters', line=1, column=4)
    # Nested 5,000 levels deep: more than a recursive reader's stack holds.
    write_bytes('deep.json', b'[' * 5000 + b']' * 5000)
    expect_error('deep.json', 'expected a number, found [[[[', row=1, column=1)


def make_utf16():
    """The same tables saved as UTF-16, little- and big-endian, with and without a byte order mark."""
    vectors = (np.arange(12, dtype=np.float32).reshape(4, 3) - 5.5) / 4
    words = ['café', '東京', 'naïve', 'plain']
    for endian in ['le', 'be']:
        for bom in [True, False]:
            def write(name, text):
                data = text.encode('utf-16-' + endian)
                write_bytes(name, (('\ufeff'.encode('utf-16-' + endian)) if bom else b'') + data)
            suffix = endian + ('-bom' if bom else '')
            rows = [[str(x) for x in row] for row in vectors]
            write('utf16%s.tsv' % suffix, 'word\tx\ty\tz\n' + ''.join('%s\t%s\n' % (w, '\t'.join(r)) for w, r in zip(words, rows)))
            expect_values('utf16%s.tsv' % suffix, vectors, labels=words)
            write('utf16%s.csv' % suffix, 'word,x,y,z\r\n' + ''.join('%s,%s\r\n' % (w, ','.join(r)) for w, r in zip(words, rows)))
            expect_values('utf16%s.csv' % suffix, vectors, labels=words)
            records = [{'text': w, 'embedding': [float(x) for x in v]} for w, v in zip(words, vectors)]
            write('utf16%s.json' % suffix, json.dumps(records, ensure_ascii=False, indent=1))
            expect_values('utf16%s.json' % suffix, vectors, labels=words)
            write('utf16%s.jsonl' % suffix, ''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in records))
            expect_values('utf16%s.jsonl' % suffix, vectors, labels=words)
            write('metadata-utf16%s.tsv' % suffix, 'word\tgroup\n' + ''.join('%s\tg%d\n' % (w, i % 2) for i, w in enumerate(words)))
            expected['metadata-utf16%s.tsv' % suffix] = {
                'columns': ['word', 'group'], 'rows': [[w, 'g%d' % (i % 2)] for i, w in enumerate(words)]}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(path(name))
    make_npy()
    make_text()
    make_json()
    make_npy_headers()
    make_text_edge_cases()
    make_utf16()
    with open(path('expected.json'), 'w') as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write('\n')
    total = sum(os.path.getsize(path(n)) for n in os.listdir(OUT))
    print('wrote %d fixtures, %d bytes, to %s' % (len(os.listdir(OUT)), total, os.path.normpath(OUT)))


if __name__ == '__main__':
    main()
