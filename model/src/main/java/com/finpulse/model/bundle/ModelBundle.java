package com.finpulse.model.bundle;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Pooling;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.TextNormalizer;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import com.finpulse.model.weights.Safetensors;
import com.finpulse.model.weights.Tensor;
import com.finpulse.model.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model directory: {@code model.json} plus {@code adapter.safetensors} (LoRA A/B, task heads, and
 * whatever encoder parameters were trained). The base weights are not in it: they are loaded from
 * the base named in the manifest and must match its sha256.
 */
public final class ModelBundle {

  public static final String MANIFEST = "model.json";
  public static final String WEIGHTS = "adapter.safetensors";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A loaded model, not yet prepared for inference. */
  public record Loaded(ModelManifest manifest, MultiTaskNetwork network, byte[] tokenizerJson) {}

  private ModelBundle() {}

  public static ModelManifest readManifest(Path dir) {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new WeightsException(
          dir.toAbsolutePath() + " is not a model directory: " + MANIFEST + " is missing");
    }
    try {
      ModelManifest m = JSON.readValue(file.toFile(), ModelManifest.class);
      if (!ModelManifest.FORMAT.equals(m.format())) {
        throw new WeightsException(file + ": unknown format '" + m.format() + "'");
      }
      if (m.base() == null || m.config() == null || m.labels() == null) {
        throw new WeightsException(file + ": base, config or labels are missing");
      }
      if (!TextNormalizer.VERSION.equals(m.textNormalization())) {
        throw new WeightsException(
            file
                + ": trained with text normalization '"
                + m.textNormalization()
                + "', this build has '"
                + TextNormalizer.VERSION
                + "'");
      }
      return m;
    } catch (IOException e) {
      throw new WeightsException(file + ": not a valid model manifest (" + e.getMessage() + ")", e);
    }
  }

  public static Loaded load(Path dir, Device device) {
    ModelManifest m = readManifest(dir);
    LoadedEncoder base = EncoderLoader.load(m.base().id());
    if (!base.sha256().equals(m.base().sha256())) {
      throw new WeightsException(
          "base weights of "
              + m.base().id()
              + " have sha256 "
              + base.sha256()
              + " but "
              + dir.resolve(MANIFEST)
              + " was trained on "
              + m.base().sha256()
              + ": a different artifact version is on the classpath");
    }
    if (!base.weights().config().equals(m.config())) {
      throw new WeightsException(
          dir.resolve(MANIFEST)
              + ": config "
              + m.config()
              + " differs from the base's "
              + base.weights().config());
    }
    Path weightsFile = dir.resolve(m.weightsFile() == null ? WEIGHTS : m.weightsFile());
    Map<String, Tensor> tensors = readWeights(dir, m);
    LoraConfig lora =
        m.lora() == null
            ? null
            : new LoraConfig(
                m.lora().rank(), m.lora().alpha(), LoraTarget.parse(m.lora().targets()), 0);
    BertEncoder encoder = new BertEncoder(base.weights(), lora, device, 0);
    MultiTaskNetwork net = null;
    try {
      net = new MultiTaskNetwork(encoder, Pooling.parse(m.pooling()), labels(m), 0);
      String src = weightsFile.toString();
      loadEncoderTensors(encoder, tensors, src);
      net.loadHeads(tensors, src);
      for (Task t : net.tasks()) {
        double temperature = m.temperature(t.id());
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
          throw new WeightsException(
              dir.resolve(MANIFEST)
                  + ": calibration of "
                  + t.id()
                  + " has temperature "
                  + temperature
                  + " (must be positive)");
        }
        net.setTemperature(t, temperature);
      }
      return new Loaded(m, net, base.tokenizerJson());
    } catch (RuntimeException e) {
      if (net != null) {
        net.close();
      } else {
        encoder.close();
      }
      throw e;
    }
  }

  /**
   * Loads an adapter file's LoRA adapters (every module of the encoder must have one) and whatever
   * encoder parameters it holds into {@code encoder}.
   */
  public static void loadEncoderTensors(
      BertEncoder encoder, Map<String, Tensor> tensors, String src) {
    for (String module : List.copyOf(encoder.adapters().keySet())) {
      Tensor a = tensors.get(module + ".lora_A.weight");
      Tensor b = tensors.get(module + ".lora_B.weight");
      if (a == null || b == null) {
        throw new WeightsException(src + ": missing LoRA adapter for " + module);
      }
      try {
        encoder.overwriteAdapter(module, a, b);
      } catch (IllegalArgumentException e) {
        throw new WeightsException(src + ": " + e.getMessage(), e);
      }
    }
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      if (encoder.parameters().containsKey(name)) {
        try {
          encoder.overwrite(name, e.getValue());
        } catch (IllegalArgumentException ex) {
          throw new WeightsException(src + ": " + ex.getMessage(), ex);
        }
      }
    }
  }

  /** The adapter file of a model directory, checked against the sha256 in its manifest. */
  public static Map<String, Tensor> readWeights(Path dir, ModelManifest m) {
    Path weightsFile = dir.resolve(m.weightsFile() == null ? WEIGHTS : m.weightsFile());
    if (!Files.isRegularFile(weightsFile)) {
      throw new WeightsException(weightsFile + " is missing");
    }
    if (m.weightsSha256() != null && !m.weightsSha256().equals(EncoderLoader.sha256(weightsFile))) {
      throw new WeightsException(
          weightsFile
              + " does not match the sha256 recorded in "
              + MANIFEST
              + " (corrupt or replaced)");
    }
    return Safetensors.read(weightsFile).tensors();
  }

  static Map<Task, List<String>> labels(ModelManifest m) {
    Map<Task, List<String>> out = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      List<String> l = m.labels().get(t.id());
      if (l == null || l.isEmpty()) {
        if (t.required()) {
          throw new WeightsException(MANIFEST + ": no labels for task " + t.id());
        }
        continue;
      }
      out.put(t, l);
    }
    for (Task t : List.of(Task.SENTIMENT, Task.ENTITY)) {
      if (out.containsKey(t) && !out.get(t).equals(t.defaultLabels())) {
        throw new WeightsException(
            MANIFEST + ": " + t.id() + " labels must be " + t.defaultLabels());
      }
    }
    return out;
  }

  /**
   * Writes the trained tensors and the manifest (with the weights' sha256). Files are replaced
   * atomically, so an interrupted save leaves the previous checkpoint readable.
   *
   * @param trainedEncoderParams encoder parameters that were trained (LayerNorms, or all for a full
   *     fine-tune); LoRA adapters and heads are always written
   */
  public static ModelManifest save(
      Path dir,
      ModelManifest manifest,
      MultiTaskNetwork net,
      Collection<String> trainedEncoderParams) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    BertEncoder enc = net.encoder();
    enc.adapters()
        .forEach(
            (module, ad) -> {
              out.put(module + ".lora_A.weight", BertEncoder.toTensor(ad.a()));
              out.put(module + ".lora_B.weight", BertEncoder.toTensor(ad.b()));
            });
    for (String name : trainedEncoderParams) {
      out.put(name, BertEncoder.toTensor(enc.parameters().get(name)));
    }
    out.putAll(net.headTensors());
    return save(dir, manifest, out);
  }

  /**
   * Writes {@code tensors} as the adapter file and the manifest with their sha256, each replaced
   * atomically.
   */
  public static ModelManifest save(Path dir, ModelManifest manifest, Map<String, Tensor> out) {
    return save(dir, manifest, out, name -> false);
  }

  /** As {@link #save(Path, ModelManifest, Map)}, the {@code half} tensors stored as float16. */
  public static ModelManifest save(
      Path dir,
      ModelManifest manifest,
      Map<String, Tensor> out,
      java.util.function.Predicate<String> half) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new WeightsException(dir + ": cannot save model (" + e.getMessage() + ")", e);
    }
    Path weights = dir.resolve(WEIGHTS);
    Safetensors.write(weights, out, Map.of("format", "pt", "producer", "finpulse"), half);
    ModelManifest withSha = manifest.withWeights(WEIGHTS, EncoderLoader.sha256(weights));
    saveManifest(dir, withSha);
    return withSha;
  }

  /** Rewrites only the manifest of a saved model (its weights and their sha256 unchanged). */
  public static void saveManifest(Path dir, ModelManifest manifest) {
    try {
      Path tmp = dir.resolve(MANIFEST + ".tmp");
      JSON.writeValue(tmp.toFile(), manifest);
      Files.move(
          tmp,
          dir.resolve(MANIFEST),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WeightsException(
          dir + ": cannot save " + MANIFEST + " (" + e.getMessage() + ")", e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }
}
