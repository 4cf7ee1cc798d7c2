#!/usr/bin/env python3
"""PyTorch eager anchor for the GPU check: the same encoder as the Java run (the random base that
make_base.py wrote, loaded with transformers' BertModel, SDPA attention), two linear heads and mean
pooling like FinPulse's, on the same headlines cut into the same batches (sorted by token length,
at most B texts each), in the same run as the Java figures.

Two timings per batch size:
  model_only  tokenized, padded and uploaded once; a pass runs the forwards and copies the
              probabilities back to the host batch by batch
  end_to_end  what Classifier.classify does per call: tokenize every headline, sort by length,
              pad, upload, forward, copy back
One JSON line per result on stdout and appended to --out.
"""
import argparse
import csv
import json
import sys
import time

T0 = time.time()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--headlines", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--base", help="checkpoint dir from make_base.py (random init when absent)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--batches", default="256,1024,4096")
    ap.add_argument("--seconds", type=float, default=2.5, help="timed seconds per configuration")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--dtype", default="fp16", choices=["fp16", "bf16", "fp32"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--max-length", type=int, default=128)
    a = ap.parse_args()
    sink = open(a.out, "a", encoding="utf-8")

    def emit(d):
        d["t"] = round(time.time() - T0, 2)
        line = json.dumps(d)
        print(line, flush=True)
        sink.write(line + "\n")
        sink.flush()

    try:
        import numpy as np
        import torch
        import transformers
        from tokenizers import Tokenizer
        from transformers import BertConfig, BertModel
    except Exception as e:  # noqa: BLE001
        emit({"event": "error", "phase": "import", "exception": repr(e)})
        return 1
    cuda = a.device.startswith("cuda")
    probe = {"event": "py_probe", "python": sys.version.split()[0], "torch": torch.__version__,
             "torch_cuda": torch.version.cuda, "transformers": transformers.__version__,
             "device": a.device, "dtype": a.dtype, "cuda_available": torch.cuda.is_available()}
    if cuda and torch.cuda.is_available():
        probe["gpu"] = torch.cuda.get_device_name(0)
    emit(probe)
    if cuda and not torch.cuda.is_available():
        emit({"event": "error", "phase": "cuda", "exception": "torch.cuda.is_available() is False"})
        return 1
    dev = torch.device(a.device)
    dtype = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}[a.dtype]

    tok = Tokenizer.from_file(a.tokenizer)
    tok.enable_truncation(a.max_length)
    with open(a.headlines, newline="", encoding="utf-8") as f:
        heads = [row["headline"] for row in csv.DictReader(f)]
    if a.limit:
        heads = heads[:a.limit]
    n = len(heads)
    t = time.time()
    ids = [e.ids for e in tok.encode_batch(heads)]
    lens = sorted(len(x) for x in ids)
    emit({"event": "py_tokens", "n": n, "mean": round(sum(lens) / n, 2), "p50": lens[n // 2],
          "p99": lens[int(n * 0.99)], "max": lens[-1], "tokenize_all_s": round(time.time() - t, 4)})

    class Classifier(torch.nn.Module):
        def __init__(self, encoder, hidden):
            super().__init__()
            self.enc = encoder
            self.sent = torch.nn.Linear(hidden, 3)
            self.topic = torch.nn.Linear(hidden, 20)

        def forward(self, ids_, mask):
            h = self.enc(input_ids=ids_, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1)
            return self.sent(pooled).softmax(-1), self.topic(pooled).softmax(-1)

    source = "random init"
    try:
        if not a.base:
            raise ValueError("no --base")
        try:
            enc = BertModel.from_pretrained(a.base, add_pooling_layer=False, attn_implementation="sdpa")
        except TypeError:
            enc = BertModel.from_pretrained(a.base, add_pooling_layer=False)
        source = a.base
    except Exception as e:  # noqa: BLE001 - the shape is what matters for speed
        emit({"event": "py_note", "note": "base not loaded (%r): random init of the same shape" % e})
        cfg = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=12, num_attention_heads=12,
                         intermediate_size=1536, max_position_embeddings=512)
        torch.manual_seed(0)
        enc = BertModel(cfg, add_pooling_layer=False)
    torch.manual_seed(0)
    model = Classifier(enc, enc.config.hidden_size).eval().to(dev).to(dtype)
    emit({"event": "py_model", "weights": source,
          "attn": str(getattr(enc.config, "_attn_implementation", "?")),
          "layers": enc.config.num_hidden_layers, "hidden": enc.config.hidden_size,
          "params": sum(p.numel() for p in model.parameters()), "dtype": a.dtype})

    def padded(chunk):
        width = max(len(c) for c in chunk)
        t_ = np.zeros((len(chunk), width), dtype=np.int64)
        m_ = np.zeros((len(chunk), width), dtype=np.int64)
        for j, c in enumerate(chunk):
            t_[j, :len(c)] = c
            m_[j, :len(c)] = 1
        return torch.from_numpy(t_), torch.from_numpy(m_)

    def sync():
        if cuda:
            torch.cuda.synchronize()

    def measure(bs, variant):
        if variant == "model_only":
            order = sorted(range(n), key=lambda i: len(ids[i]))
            ready = []
            for s in range(0, n, bs):
                tt, mm = padded([ids[i] for i in order[s:s + bs]])
                ready.append((tt.to(dev), mm.to(dev)))

            def one_pass():
                for tt, mm in ready:
                    s_, p_ = model(tt, mm)
                    _ = s_.float().cpu(), p_.float().cpu()
        else:
            def one_pass():
                enc_ = [e.ids for e in tok.encode_batch(heads)]
                order = sorted(range(n), key=lambda i: len(enc_[i]))
                for s in range(0, n, bs):
                    tt, mm = padded([enc_[i] for i in order[s:s + bs]])
                    s_, p_ = model(tt.to(dev), mm.to(dev))
                    _ = s_.float().cpu(), p_.float().cpu()
        with torch.inference_mode():
            t_ = time.time()
            one_pass()  # warm-up
            sync()
            warm = time.time() - t_
            passes = 0
            t_ = time.time()
            while True:
                one_pass()
                passes += 1
                sync()
                if time.time() - t_ >= a.seconds and passes >= 2:
                    break
            dt = time.time() - t_
        out = {"event": "py_timing", "variant": variant, "batch": bs, "dtype": a.dtype,
               "device": a.device, "headlines": n, "passes": passes,
               "headlines_per_s": round(passes * n / dt), "warmup_s": round(warm, 3)}
        if cuda:
            out["mem_reserved_mb"] = torch.cuda.memory_reserved() >> 20
        emit(out)

    for bs in [int(x) for x in a.batches.split(",")]:
        for variant in ("model_only", "end_to_end"):
            try:
                measure(bs, variant)
            except Exception as e:  # noqa: BLE001 - report, go on with the next one
                emit({"event": "error", "phase": "py_%s_%d" % (variant, bs), "exception": repr(e)})
    emit({"event": "py_done", "seconds": round(time.time() - T0, 1)})
    return 0


if __name__ == "__main__":
    try:
        rc = main()
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        print(json.dumps({"event": "error", "phase": "py_anchor", "exception": repr(e)}), flush=True)
        rc = 1
    sys.exit(rc)
