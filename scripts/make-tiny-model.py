#!/usr/bin/python3
"""Writes tests/fixtures/tiny-bert/, a BERT-shaped model folder small enough
to commit, so the Transformers.js tests run offline with nothing downloaded.

The "model" is one Gather: last_hidden_state[b, t] = table[input_ids[b, t]].
attention_mask and token_type_ids are declared inputs (Transformers.js feeds
them) but unused: mean pooling over the mask is Transformers.js's job, and that
is what the tests check, against the table stored in table.json.

Table values are multiples of 1/256 in [-1, 1], exact in float32 and short in
JSON. The output is deterministic (fixed seed), so re-running changes nothing.
Needs Debian's python3-onnx and python3-numpy to run; the tests need neither:

    /usr/bin/python3 scripts/make-tiny-model.py
"""
import json
import pathlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "tiny-bert"
HIDDEN = 32
SEED = 20240611

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
DIGITS = list("0123456789")
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
WORDS = """
the a an and or but not no yes of to in on at by for with from about as into
over under after before between through during without within is are was were
be been being have has had do does did will would can could should may might
must shall i you he she it we they me him her us them my your his its our their
this that these those there here what which who whom whose when where why how
all any both each few more most other some such only own same so than too very
just now then also again once cat cats dog dogs bird fish horse cow animal
animals pet pets sat sit sits ran run runs running walk walked eat eats ate food
mat home house car cars road city town river sea lake mountain tree trees
forest sun moon star stars sky rain snow wind weather cold hot warm day night
morning evening week year time people person man woman child children friend
family king queen music song play played game games ball team win lost good bad
new old big small long short high low fast slow happy sad love like loves liked
red blue green black white paris london berlin france germany england book
books read reading write writing paper word words language model models text
texts computer data science learning machine vector vectors embedding
embeddings similar similarity cosine heat map
""".split()
SUBWORDS = ["##" + c for c in LETTERS] + """
##s ##es ##ed ##ing ##er ##est ##ly ##ness ##ment ##tion ##able ##ful ##less
##un ##re ##bel ##ie ##iev ##ev
""".split()
PREFIXES = "un re pre dis".split()


def vocabulary():
    tokens = SPECIAL + PUNCTUATION + DIGITS + LETTERS + WORDS + PREFIXES + SUBWORDS
    seen = set()
    unique = [t for t in tokens if not (t in seen or seen.add(t))]
    return {token: i for i, token in enumerate(unique)}


def tokenizer_json(vocab):
    def special(token):
        return {"id": vocab[token], "content": token, "single_word": False, "lstrip": False,
                "rstrip": False, "normalized": False, "special": True}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t) for t in SPECIAL],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def model_proto(table):
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"])
    types = helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch_size", "sequence_length"])
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                        ["batch_size", "sequence_length", HIDDEN])
    weights = numpy_helper.from_array(table, name="embeddings.word_embeddings.weight")
    gather = helper.make_node("Gather", ["embeddings.word_embeddings.weight", "input_ids"],
                              ["last_hidden_state"], axis=0, name="word_embeddings")
    graph = helper.make_graph([gather], "tiny_bert", [ids, mask, types], [out], initializer=[weights])
    model = helper.make_model(graph, producer_name="cosine-heatmap scripts/make-tiny-model.py",
                              opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 7  # readable by every onnxruntime since 1.8
    onnx.checker.check_model(model)
    return model


def write(path, text_or_bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text_or_bytes, bytes):
        path.write_bytes(text_or_bytes)
    else:
        path.write_text(text_or_bytes)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main():
    vocab = vocabulary()
    rng = np.random.default_rng(SEED)
    table = (rng.integers(-256, 257, size=(len(vocab), HIDDEN)) / 256).astype(np.float32)

    write(OUT / "tokenizer.json", json.dumps(tokenizer_json(vocab), indent=1, ensure_ascii=False) + "\n")
    write(OUT / "tokenizer_config.json", json.dumps({
        "tokenizer_class": "BertTokenizer", "do_lower_case": True, "strip_accents": None,
        "tokenize_chinese_chars": True, "model_max_length": 128, "clean_up_tokenization_spaces": True,
        "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
        "mask_token": "[MASK]",
    }, indent=1) + "\n")
    write(OUT / "config.json", json.dumps({
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": HIDDEN,
        "num_hidden_layers": 0, "num_attention_heads": 1, "intermediate_size": HIDDEN,
        "vocab_size": len(vocab), "max_position_embeddings": 128, "type_vocab_size": 2,
        "pad_token_id": vocab["[PAD]"],
    }, indent=1) + "\n")
    write(OUT / "onnx" / "model.onnx", model_proto(table).SerializeToString())
    # The reference for the tests: row i is the vector of token id i. Stored as
    # integers k (value = k / 256) so the JSON is exact and compact.
    write(OUT / "table.json", json.dumps({
        "source": "scripts/make-tiny-model.py", "scale": 256, "dims": list(table.shape),
        "rows": (table * 256).round().astype(int).tolist(),
    }, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
