package com.finpulse.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.model.bert.BertConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads base encoder weights from a {@link BaseEncoder} jar resource or from a Hugging Face BERT
 * checkpoint directory ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}).
 */
public final class EncoderLoader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EncoderLoader() {}

  /** {@code spec} is a {@link BaseEncoder} id or a checkpoint directory path. */
  public static LoadedEncoder load(String spec) {
    return BaseEncoder.byId(spec)
        .map(EncoderLoader::load)
        .orElseGet(
            () -> {
              Path dir = Path.of(spec);
              if (!Files.isDirectory(dir)) {
                throw new WeightsException(
                    "base '"
                        + spec
                        + "' is neither one of "
                        + BaseEncoder.ids()
                        + " nor a Hugging Face checkpoint directory");
              }
              return loadCheckpoint(dir);
            });
  }

  public static LoadedEncoder load(BaseEncoder base) {
    ClassLoader cl = EncoderLoader.class.getClassLoader();
    String where = base.artifact() + "!/" + base.onnxResource();
    OnnxGraph graph;
    String sha;
    try (InputStream raw = cl.getResourceAsStream(base.onnxResource())) {
      if (raw == null) {
        throw new WeightsException(
            where + " is not on the classpath: add the Maven artifact " + base.artifact());
      }
      MessageDigest md = sha256();
      try (InputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 20), md)) {
        graph = OnnxGraph.read(in, where);
        in.transferTo(java.io.OutputStream.nullOutputStream()); // digest covers the whole file
      }
      sha = HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new WeightsException(where + ": cannot read (" + e.getMessage() + ")", e);
    }
    BertWeights weights = OnnxBertRecovery.recover(graph, base.heads(), 1e-12, where);
    if (weights.config().numLayers() != base.layers()) {
      throw new WeightsException(
          where + ": expected " + base.layers() + " layers, found " + weights.config().numLayers());
    }
    byte[] tokenizer;
    try (InputStream in = cl.getResourceAsStream(base.tokenizerResource())) {
      if (in == null) {
        throw new WeightsException(base.tokenizerResource() + " is not on the classpath");
      }
      tokenizer = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LoadedEncoder(base.id(), sha, weights, tokenizer);
  }

  /** Reads a Hugging Face BERT checkpoint; pooler and task heads in it are ignored. */
  public static LoadedEncoder loadCheckpoint(Path dir) {
    Path configFile = dir.resolve("config.json");
    Path weightsFile = dir.resolve("model.safetensors");
    Path tokenizerFile = dir.resolve("tokenizer.json");
    for (Path p : new Path[] {configFile, weightsFile, tokenizerFile}) {
      if (!Files.isRegularFile(p)) {
        throw new WeightsException(
            dir
                + " is not a usable Hugging Face BERT checkpoint: "
                + p.getFileName()
                + " is missing");
      }
    }
    BertConfig config = readConfig(configFile);
    Safetensors.Contents contents = Safetensors.read(weightsFile);
    Map<String, Tensor> named = new LinkedHashMap<>();
    contents
        .tensors()
        .forEach(
            (name, t) -> {
              String n = name.startsWith("bert.") ? name.substring(5) : name;
              // TF-converted checkpoints (old FinBERT) name LayerNorm parameters gamma/beta.
              n = n.replace("LayerNorm.gamma", "LayerNorm.weight");
              n = n.replace("LayerNorm.beta", "LayerNorm.bias");
              named.put(n, t);
            });
    BertWeights weights = BertWeights.checked(config, named, weightsFile.toString());
    try {
      return new LoadedEncoder(
          dir.toAbsolutePath().normalize().toString(),
          sha256(weightsFile),
          weights,
          Files.readAllBytes(tokenizerFile));
    } catch (IOException e) {
      throw new WeightsException(dir + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  static BertConfig readConfig(Path configFile) {
    JsonNode c;
    try {
      c = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new WeightsException(configFile + ": not valid JSON (" + e.getMessage() + ")", e);
    }
    String type = c.path("model_type").asText("bert");
    if (!type.equals("bert")) {
      throw new WeightsException(
          configFile + ": model_type '" + type + "' is not supported (only bert)");
    }
    String act = c.path("hidden_act").asText("gelu");
    if (!act.equals("gelu")) {
      throw new WeightsException(
          configFile + ": hidden_act '" + act + "' is not supported (only exact gelu)");
    }
    try {
      return new BertConfig(
          required(c, "vocab_size", configFile),
          required(c, "hidden_size", configFile),
          required(c, "num_hidden_layers", configFile),
          required(c, "num_attention_heads", configFile),
          required(c, "intermediate_size", configFile),
          required(c, "max_position_embeddings", configFile),
          c.path("type_vocab_size").asInt(2),
          c.path("layer_norm_eps").asDouble(1e-12));
    } catch (IllegalArgumentException e) {
      throw new WeightsException(configFile + ": " + e.getMessage(), e);
    }
  }

  private static int required(JsonNode c, String key, Path file) {
    if (!c.path(key).isInt()) {
      throw new WeightsException(file + ": '" + key + "' is missing or not a whole number");
    }
    return c.get(key).asInt();
  }

  /** Writes weights as a Hugging Face checkpoint directory that {@link #loadCheckpoint} reads. */
  public static void writeCheckpoint(Path dir, BertWeights weights, byte[] tokenizerJson) {
    try {
      Files.createDirectories(dir);
      BertConfig c = weights.config();
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("architectures", java.util.List.of("BertModel"));
      config.put("model_type", "bert");
      config.put("hidden_act", "gelu");
      config.put("vocab_size", c.vocabSize());
      config.put("hidden_size", c.hiddenSize());
      config.put("num_hidden_layers", c.numLayers());
      config.put("num_attention_heads", c.numHeads());
      config.put("intermediate_size", c.intermediateSize());
      config.put("max_position_embeddings", c.maxPositions());
      config.put("type_vocab_size", c.typeVocabSize());
      config.put("layer_norm_eps", c.layerNormEps());
      config.put("hidden_dropout_prob", 0.1);
      config.put("attention_probs_dropout_prob", 0.1);
      config.put("pad_token_id", 0);
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
      Safetensors.write(
          dir.resolve("model.safetensors"), weights.tensors(), Map.of("format", "pt"));
      Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
    } catch (IOException e) {
      throw new WeightsException(dir + ": cannot write checkpoint (" + e.getMessage() + ")", e);
    }
  }

  public static String sha256(Path file) {
    MessageDigest md = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new WeightsException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
