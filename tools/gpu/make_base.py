#!/usr/bin/env python3
"""Writes a BERT checkpoint with RANDOM weights in Hugging Face layout (config.json,
model.safetensors in float32, tokenizer.json), the same bytes on every machine.

Why: the shipped model (models/default) is a LoRA adapter on bge-small, whose 133 MB base cannot
travel to the GPU machine. A random base of the same shape exercises the same code path with the
same cost per headline; the adapter and heads that travel are applied on top of it. The result is
not a useful classifier, and parity/throughput do not need one.

Determinism: only numpy's PCG64 raw 64-bit stream is used (bit generator and seeding are fixed by
numpy's compatibility policy, unlike Generator's distribution methods). Each float is an exact
integer in [-2^23, 2^23) converted to float32 and multiplied once by a float32 scale (one correctly
rounded IEEE product), so neither the numpy version nor the CPU changes a byte, and the sha256 of
model.safetensors (what a FinPulse model.json pins as base.sha256) is fixed per shape.

usage: make_base.py OUT_DIR --tokenizer TOKENIZER_JSON [--shape bge-small|tiny] [--expect SHA256]
prints one JSON line; exit 0 = written (and equal to --expect when given), 3 = sha256 mismatch.
"""
import argparse
import hashlib
import json
import os
import shutil
import struct
import sys
import time

import numpy as np

SEED = 20261204

SHAPES = {
    # BAAI/bge-small-en-v1.5 (33.4M parameters)
    "bge-small": dict(vocab_size=30522, hidden_size=384, num_hidden_layers=12,
                      num_attention_heads=12, intermediate_size=1536,
                      max_position_embeddings=512, type_vocab_size=2),
    # for the CPU rehearsal and CI: same vocabulary, 2 layers, 32 wide
    "tiny": dict(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                 intermediate_size=64, max_position_embeddings=128, type_vocab_size=2),
}


def config(shape):
    c = {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
         "layer_norm_eps": 1e-12, "hidden_dropout_prob": 0.1,
         "attention_probs_dropout_prob": 0.1, "pad_token_id": 0, "torch_dtype": "float32",
         "_comment": "RANDOM weights (tools/gpu/make_base.py, shape %s, PCG64 seed %d): "
                     "not a trained model" % (shape, SEED)}
    c.update(SHAPES[shape])
    return c


def parameters(c):
    """Names and shapes in the order of com.finpulse.model.bert.BertConfig.parameterShapes()."""
    h, i = c["hidden_size"], c["intermediate_size"]
    out = [("embeddings.word_embeddings.weight", (c["vocab_size"], h)),
           ("embeddings.position_embeddings.weight", (c["max_position_embeddings"], h)),
           ("embeddings.token_type_embeddings.weight", (c["type_vocab_size"], h)),
           ("embeddings.LayerNorm.weight", (h,)),
           ("embeddings.LayerNorm.bias", (h,))]
    for layer in range(c["num_hidden_layers"]):
        p = "encoder.layer.%d." % layer
        for m in ("query", "key", "value"):
            out += [(p + "attention.self.%s.weight" % m, (h, h)),
                    (p + "attention.self.%s.bias" % m, (h,))]
        out += [(p + "attention.output.dense.weight", (h, h)),
                (p + "attention.output.dense.bias", (h,)),
                (p + "attention.output.LayerNorm.weight", (h,)),
                (p + "attention.output.LayerNorm.bias", (h,)),
                (p + "intermediate.dense.weight", (i, h)),
                (p + "intermediate.dense.bias", (i,)),
                (p + "output.dense.weight", (h, i)),
                (p + "output.dense.bias", (h,)),
                (p + "output.LayerNorm.weight", (h,)),
                (p + "output.LayerNorm.bias", (h,))]
    return out


def uniform(bits, n, half_width):
    """n float32 values, uniform on [-half_width, half_width), from n raw 64-bit outputs."""
    k = (bits.random_raw(n).astype(np.uint64) >> np.uint64(40)).astype(np.int64) - (1 << 23)
    return k.astype(np.float32) * np.float32(half_width / float(1 << 23))


def values(bits, name, n):
    # Weights with the spread of BERT's N(0, 0.02) init; biases and LayerNorm affines random too,
    # so that a forward that dropped one would disagree with the reference.
    if name.endswith("LayerNorm.weight"):
        return np.float32(1.0) + uniform(bits, n, 0.1)
    if name.endswith("bias"):
        return uniform(bits, n, 0.02)
    return uniform(bits, n, 0.02 * 3 ** 0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--shape", default="bge-small", choices=sorted(SHAPES))
    ap.add_argument("--expect", help="sha256 that model.safetensors must have")
    a = ap.parse_args()
    t0 = time.time()
    os.makedirs(a.out_dir, exist_ok=True)
    c = config(a.shape)
    params = parameters(c)
    header = {"__metadata__": {"format": "pt",
                               "producer": "finpulse tools/gpu/make_base.py %s seed %d"
                                           % (a.shape, SEED)}}
    offset = 0
    for name, shape in params:
        n = int(np.prod(shape))
        header[name] = {"dtype": "F32", "shape": list(shape),
                        "data_offsets": [offset, offset + 4 * n]}
        offset += 4 * n
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    sha = hashlib.sha256()
    bits = np.random.PCG64(SEED)
    tmp = os.path.join(a.out_dir, "model.safetensors.part")
    with open(tmp, "wb") as f:
        for chunk in (struct.pack("<Q", len(head)), head):
            f.write(chunk)
            sha.update(chunk)
        for name, shape in params:
            data = values(bits, name, int(np.prod(shape))).astype("<f4").tobytes()
            f.write(data)
            sha.update(data)
    os.replace(tmp, os.path.join(a.out_dir, "model.safetensors"))
    with open(os.path.join(a.out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(c, f, indent=2, sort_keys=True)
        f.write("\n")
    shutil.copyfile(a.tokenizer, os.path.join(a.out_dir, "tokenizer.json"))
    digest = sha.hexdigest()
    ok = a.expect is None or a.expect == digest
    print(json.dumps({"event": "base_generated", "shape": a.shape, "dir": os.path.abspath(a.out_dir),
                      "sha256": digest, "expected": a.expect, "match": ok,
                      "bytes": 8 + len(head) + offset, "numpy": np.__version__,
                      "seconds": round(time.time() - t0, 2)}), flush=True)
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
