package com.finpulse.model.bert;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The Linear layers of a BERT block that can carry a LoRA adapter. */
public enum LoraTarget {
  QUERY("q", "attention.self.query"),
  KEY("k", "attention.self.key"),
  VALUE("v", "attention.self.value"),
  ATTENTION_OUTPUT("o", "attention.output.dense"),
  INTERMEDIATE("ffn_in", "intermediate.dense"),
  OUTPUT("ffn_out", "output.dense");

  private final String id;
  private final String module;

  LoraTarget(String id, String module) {
    this.id = id;
    this.module = module;
  }

  /** Short name used on the command line and in model.json. */
  public String id() {
    return id;
  }

  /** Hugging Face module path inside {@code encoder.layer.N.}. */
  public String module() {
    return module;
  }

  /** Parses {@code q,v} or {@code q,k,v,o,ffn_in,ffn_out}. */
  public static Set<LoraTarget> parse(String list) {
    Set<LoraTarget> out = EnumSet.noneOf(LoraTarget.class);
    for (String part : list.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      out.add(
          Arrays.stream(values())
              .filter(t -> t.id.equals(p))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown LoRA target '"
                              + part
                              + "' (known: q, k, v, o, ffn_in, ffn_out)")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no LoRA target given");
    }
    return out;
  }

  public static String format(Set<LoraTarget> targets) {
    return String.join(",", targets.stream().map(LoraTarget::id).toList());
  }
}
