#!/usr/bin/env python3
"""Reads one run's results (steps.tsv, java.jsonl, py-anchor.jsonl in RESULTS_DIR), writes
RESULTS_DIR/gpu.json and prints the figures. The last line printed is the Java/PyTorch ratio.

usage: summarize.py RESULTS_DIR [key=value ...]   (the pairs go to gpu.json's "run")
"""
import json
import os
import sys

BATCHES = (256, 1024, 4096)


def jsonl(path):
    out = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        out.append(json.loads(line))
                    except ValueError:
                        pass
    return out


def main(res, extra):
    steps = []
    if os.path.exists(os.path.join(res, "steps.tsv")):
        with open(os.path.join(res, "steps.tsv"), encoding="utf-8") as f:
            for line in f:
                name, status, detail = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                steps.append({"step": name, "status": status, "detail": detail})
    java = jsonl(os.path.join(res, "java.jsonl"))
    py = jsonl(os.path.join(res, "py-anchor.jsonl"))

    def first(events, name):
        return next((e for e in events if e.get("event") == name), None)

    jt = {e["batch"]: e for e in java
          if e.get("event") == "timing" and e.get("variant", "default") == "default"}
    jm = {e["batch"]: e for e in java if e.get("event") == "timing_model_only"}
    jv = [e for e in java if e.get("event") == "timing" and e.get("variant", "default") != "default"]
    pt = {(e["variant"], e["batch"]): e for e in py if e.get("event") == "py_timing"}
    ratios = {}
    for b in BATCHES:
        j = jt.get(b)
        r = {"java_headlines_per_s": j["headlines_per_s"] if j else None,
             "java_model_only_headlines_per_s": jm[b]["headlines_per_s"] if b in jm else None}
        for v in ("end_to_end", "model_only"):
            p = pt.get((v, b))
            r["pytorch_%s_headlines_per_s" % v] = p["headlines_per_s"] if p else None
            r["ratio_vs_%s" % v] = (round(j["headlines_per_s"] / p["headlines_per_s"], 3)
                                    if j and p and p["headlines_per_s"] else None)
        pm = pt.get(("model_only", b))
        r["model_only_ratio"] = (round(jm[b]["headlines_per_s"] / pm["headlines_per_s"], 3)
                                 if b in jm and pm and pm["headlines_per_s"] else None)
        ratios[str(b)] = r
    parity = [e for e in java if e.get("event") == "parity"]
    s = {
        "run": extra,
        "ok": bool(steps) and all(x["status"] != "failed" for x in steps),
        "steps": steps,
        "engine": first(java, "engine"),
        "model": first(java, "model"),
        "tokens": first(java, "tokens"),
        "reference": first(java, "reference"),
        "accelerator": first(java, "accelerator_loaded"),
        "parity": parity,
        "parity_target_met": next((p.get("target_met") for p in parity if "target_met" in p), None),
        "bf16": "not run: DJL 0.32's PyTorch JNI maps 9 data types, not bfloat16; casting to it aborts the JVM (std::terminate), seen on the H200 and on CPU",
        "training": first(java, "training"),
        "bad_inputs": first(java, "bad_inputs"),
        "oversize_batch": first(java, "oversize"),
        "java_timing": {str(k): v for k, v in sorted(jt.items())},
        "java_timing_other_configurations": jv,
        "java_timing_model_only": {str(k): v for k, v in sorted(jm.items())},
        "pytorch_probe": first(py, "py_probe"),
        "pytorch_model": first(py, "py_model"),
        "pytorch_timing": {"%s_%d" % k: v for k, v in sorted(pt.items())},
        "ratios": ratios,
        "skipped_phases": [e.get("phase") for e in java if e.get("event") == "skipped"],
        "errors": [{"phase": e.get("phase"), "exception": e.get("exception")}
                   for e in java + py if e.get("event") == "error"],
    }
    with open(os.path.join(res, "gpu.json"), "w", encoding="utf-8") as f:
        json.dump(s, f, indent=1)
        f.write("\n")

    print("==== SUMMARY (%s)" % ", ".join("%s=%s" % kv for kv in extra.items()))
    for x in steps:
        print("step %-12s %-8s %s" % (x["step"], x["status"], x["detail"][:160]))
    e = s["engine"]
    if e:
        print("engine: %s %s, libtorch %s, GPUs seen by DJL %s, by cudart %s" % (
            e.get("name"), e.get("version"), e.get("libtorch"), e.get("gpu_count"), e.get("cudart_gpu_count")))
    a = s["accelerator"]
    if a:
        print("classifier under test: device %s, precision %s" % (a.get("device"), a.get("precision")))
    r = s["reference"]
    if r:
        print("reference CPU fp32: %s of %s headlines, %s/s" % (r["headlines"], r["of"], r["headlines_per_s"]))
    for p in parity:
        print("parity %-22s n=%-5s max|dp| sentiment %-9s topic %-9s agreement %s%% / %s%%%s" % (
            p["name"], p["headlines"], p["max_abs_diff_sentiment"], p["max_abs_diff_topic"],
            p["sentiment_agreement_pct"], p["topic_agreement_pct"],
            "  target met: %s" % p["target_met"] if "target_met" in p else ""))
    b = s["bad_inputs"]
    if b:
        print("bad inputs (empty, 100k chars, 20k words, blank): ok=%s" % b.get("ok"))
    o = s["oversize_batch"]
    if o:
        print("oversized batch: %s texts in one call, %s predictions, %s OOM split(s), ok=%s" % (
            o.get("texts"), o.get("predictions"), o.get("oom_splits"), o.get("ok")))
    for k, t in sorted(jt.items()):
        print("java %-4s per batch %8s headlines/s (best pass %s/s, without tokenizing %s/s, forward %s, %s)" % (
            k, t["headlines_per_s"], t.get("best_pass_headlines_per_s"),
            t.get("excl_tokenize_headlines_per_s", "-"), t.get("forward"), t.get("precision")))
    for k, t in sorted(jm.items()):
        print("java %-4s per batch %8s headlines/s (model only: pre-tokenized, forward %s, %s)" % (
            k, t["headlines_per_s"], t.get("forward"), t.get("precision")))
    for t in jv:
        print("java %-4s per batch %8s headlines/s (%s: forward %s, %s)" % (
            t["batch"], t["headlines_per_s"], t["variant"], t.get("forward"), t.get("precision")))
    tr = s["training"]
    if tr:
        print("LoRA training steps (batch %s): losses CPU %s vs %s %s, max relative difference %s,"
              " target met: %s; %s examples/s on the %s (CPU %s/s)" % (
                  tr.get("batch"), tr.get("cpu_losses"), tr.get("device"), tr.get("device_losses"),
                  tr.get("max_rel_loss_diff"), tr.get("target_met"),
                  tr.get("device_examples_per_s"), tr.get("device"), tr.get("cpu_examples_per_s")))
    for (v, k), t in sorted(pt.items()):
        print("pytorch %s %-10s %-4s per batch %8s headlines/s" % (t["dtype"], v, k, t["headlines_per_s"]))
    if s["skipped_phases"]:
        print("skipped for time: %s" % ", ".join(s["skipped_phases"]))
    for x in s["errors"]:
        print("ERROR in %s: %s" % (x["phase"], (x["exception"] or "")[:300]))
    bad = [x["step"] for x in steps if x["status"] == "failed"]
    print("RESULT: %s" % ("every step ran" if not bad else "FAILED steps: " + ", ".join(bad)))
    parts = []
    for k in ("1024", "4096", "256"):
        x = ratios[k]
        if x["ratio_vs_end_to_end"] is None and x["ratio_vs_model_only"] is None:
            continue
        parts.append("batch %s: %s end-to-end (Java %s/s vs PyTorch %s/s), %s classify vs PyTorch model-only (%s/s), %s model-only vs model-only (Java %s/s)" % (
            k, x["ratio_vs_end_to_end"], x["java_headlines_per_s"],
            x["pytorch_end_to_end_headlines_per_s"], x["ratio_vs_model_only"],
            x["pytorch_model_only_headlines_per_s"], x["model_only_ratio"],
            x["java_model_only_headlines_per_s"]))
    if parts:
        print("RATIO Java/PyTorch headlines/s: " + "; ".join(parts))
    else:
        print("RATIO Java/PyTorch headlines/s: n/a (%s)" % (
            "no PyTorch figures in this run" if jt else "no Java timing in this run"))
    return 0


if __name__ == "__main__":
    kv = dict(x.partition("=")[::2] for x in sys.argv[2:])
    sys.exit(main(sys.argv[1], kv))
