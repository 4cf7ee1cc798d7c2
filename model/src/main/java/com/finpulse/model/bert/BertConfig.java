package com.finpulse.model.bert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shape of a BERT encoder, with Hugging Face {@code config.json} key names.
 *
 * @param layerNormEps epsilon of every LayerNorm (1e-12 for the shipped bases)
 */
public record BertConfig(
    @JsonProperty("vocab_size") int vocabSize,
    @JsonProperty("hidden_size") int hiddenSize,
    @JsonProperty("num_hidden_layers") int numLayers,
    @JsonProperty("num_attention_heads") int numHeads,
    @JsonProperty("intermediate_size") int intermediateSize,
    @JsonProperty("max_position_embeddings") int maxPositions,
    @JsonProperty("type_vocab_size") int typeVocabSize,
    @JsonProperty("layer_norm_eps") double layerNormEps) {

  public BertConfig {
    if (hiddenSize <= 0 || numHeads <= 0 || hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
    }
    if (numLayers <= 0 || vocabSize <= 0 || intermediateSize <= 0 || maxPositions <= 0) {
      throw new IllegalArgumentException("config sizes must be positive: " + this);
    }
    if (typeVocabSize <= 0) {
      throw new IllegalArgumentException("type_vocab_size must be positive");
    }
  }

  public int headSize() {
    return hiddenSize / numHeads;
  }

  /**
   * Every parameter of a Hugging Face {@code BertModel} without pooler, with its shape, in
   * canonical order. The completeness check at load compares against this list.
   */
  public Map<String, long[]> parameterShapes() {
    Map<String, long[]> p = new LinkedHashMap<>();
    long h = hiddenSize;
    p.put("embeddings.word_embeddings.weight", new long[] {vocabSize, h});
    p.put("embeddings.position_embeddings.weight", new long[] {maxPositions, h});
    p.put("embeddings.token_type_embeddings.weight", new long[] {typeVocabSize, h});
    p.put("embeddings.LayerNorm.weight", new long[] {h});
    p.put("embeddings.LayerNorm.bias", new long[] {h});
    for (int l = 0; l < numLayers; l++) {
      String a = "encoder.layer." + l + ".";
      for (String m : new String[] {"query", "key", "value"}) {
        p.put(a + "attention.self." + m + ".weight", new long[] {h, h});
        p.put(a + "attention.self." + m + ".bias", new long[] {h});
      }
      p.put(a + "attention.output.dense.weight", new long[] {h, h});
      p.put(a + "attention.output.dense.bias", new long[] {h});
      p.put(a + "attention.output.LayerNorm.weight", new long[] {h});
      p.put(a + "attention.output.LayerNorm.bias", new long[] {h});
      p.put(a + "intermediate.dense.weight", new long[] {intermediateSize, h});
      p.put(a + "intermediate.dense.bias", new long[] {intermediateSize});
      p.put(a + "output.dense.weight", new long[] {h, intermediateSize});
      p.put(a + "output.dense.bias", new long[] {h});
      p.put(a + "output.LayerNorm.weight", new long[] {h});
      p.put(a + "output.LayerNorm.bias", new long[] {h});
    }
    return p;
  }

  /** Number of scalar parameters of the encoder. */
  public long parameterCount() {
    long n = 0;
    for (long[] s : parameterShapes().values()) {
      long c = 1;
      for (long d : s) {
        c *= d;
      }
      n += c;
    }
    return n;
  }
}
