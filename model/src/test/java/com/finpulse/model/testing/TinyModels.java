package com.finpulse.model.testing;

import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bert.BertConfig;
import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.task.Pooling;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.TextNormalizer;
import com.finpulse.model.train.Trainer;
import com.finpulse.model.train.TrainingConfig;
import com.finpulse.model.weights.BertWeights;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import com.finpulse.model.weights.Tensor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** A two-layer, 32-wide BERT with random weights and the MiniLM vocabulary, for fast tests. */
public final class TinyModels {

  public static final BertConfig CONFIG = new BertConfig(30522, 32, 2, 4, 64, 128, 2, 1e-12);

  private TinyModels() {}

  public static BertWeights randomWeights(long seed) {
    Random rnd = new Random(seed);
    Map<String, Tensor> out = new LinkedHashMap<>();
    CONFIG
        .parameterShapes()
        .forEach(
            (name, shape) -> {
              long n = 1;
              for (long d : shape) {
                n *= d;
              }
              float[] data = new float[(int) n];
              if (name.endsWith("LayerNorm.weight")) {
                java.util.Arrays.fill(data, 1f);
              } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < data.length; i++) {
                  data[i] = (float) (rnd.nextGaussian() * 0.05);
                }
              }
              out.put(name, new Tensor(shape, data));
            });
    return new BertWeights(CONFIG, out);
  }

  public static byte[] tokenizerJson() {
    try (InputStream in =
        TinyModels.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      return in.readAllBytes();
    } catch (Exception e) {
      throw new AssertionError("MiniLM tokenizer resource missing", e);
    }
  }

  /** Writes the tiny encoder as a Hugging Face checkpoint directory and loads it back. */
  public static LoadedEncoder checkpoint(Path dir, long seed) {
    EncoderLoader.writeCheckpoint(dir, randomWeights(seed), tokenizerJson());
    return EncoderLoader.load(dir.toString());
  }

  /** Texts whose sentiment and topic a tiny model can learn from word choice alone. */
  public static Map<Task, List<LabeledText>> toyData(int perClass, long seed) {
    Random rnd = new Random(seed);
    String[] companies = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"};
    String[][] sentimentWords = {
      {"plunges", "slumps", "misses estimates", "cuts guidance", "falls sharply"},
      {"holds meeting", "files report", "schedules call", "announces date", "publishes update"},
      {"surges", "beats estimates", "raises guidance", "jumps", "soars"}
    };
    Map<Task, List<LabeledText>> out = new EnumMap<>(Task.class);
    List<LabeledText> sent = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < perClass; i++) {
        String w = sentimentWords[c][rnd.nextInt(5)];
        sent.add(
            new LabeledText(
                companies[rnd.nextInt(companies.length)] + " " + w + " " + i, Task.SENTIMENT, c));
      }
    }
    List<LabeledText> topic = new ArrayList<>();
    String[] topicWords = {"dividend payout", "quarterly earnings", "oil prices", "ipo pricing"};
    int[] topicIds = {4, 5, 6, 11};
    for (int c = 0; c < topicWords.length; c++) {
      for (int i = 0; i < perClass; i++) {
        topic.add(
            new LabeledText(
                companies[rnd.nextInt(companies.length)] + " " + topicWords[c] + " " + i,
                Task.TOPIC,
                topicIds[c]));
      }
    }
    List<LabeledText> entity = new ArrayList<>();
    for (int i = 0; i < perClass * 3; i++) {
      String a = companies[rnd.nextInt(companies.length)];
      String b = companies[(java.util.Arrays.asList(companies).indexOf(a) + 1) % companies.length];
      int ca = rnd.nextInt(3);
      int cb = 2 - ca;
      String text =
          a
              + " "
              + sentimentWords[ca][rnd.nextInt(5)]
              + " while "
              + b
              + " "
              + sentimentWords[cb][rnd.nextInt(5)]
              + " "
              + i;
      entity.add(new LabeledText(text, Task.ENTITY, ca, a, null));
      entity.add(new LabeledText(text, Task.ENTITY, cb, b, null));
    }
    out.put(Task.SENTIMENT, sent);
    out.put(Task.TOPIC, topic);
    out.put(Task.ENTITY, entity);
    return out;
  }

  public static TrainingConfig config(int epochs) {
    return config(epochs, 0);
  }

  /** The tiny run's settings, ending the sitting after {@code stopAfterEpoch} (0: never). */
  public static TrainingConfig config(int epochs, int stopAfterEpoch) {
    return new TrainingConfig(
        epochs,
        16,
        5e-3,
        5e-3,
        0.1,
        0.01,
        new LoraConfig(4, 8, LoraTarget.parse("q,v,o"), 0.0),
        true,
        0f,
        0f,
        32,
        Pooling.MEAN,
        Set.of(Task.SENTIMENT),
        7,
        10,
        0.2,
        0,
        null,
        stopAfterEpoch);
  }

  public static Map<Task, List<String>> labels() {
    Map<Task, List<String>> labels = new EnumMap<>(Task.class);
    for (Task t : Task.values()) {
      labels.put(t, t.defaultLabels());
    }
    return labels;
  }

  public static ModelManifest manifest(LoadedEncoder base, TrainingConfig cfg, String name) {
    Map<String, List<String>> labelJson = new LinkedHashMap<>();
    labels().forEach((t, l) -> labelJson.put(t.id(), l));
    return new ModelManifest(
        ModelManifest.FORMAT,
        name,
        new ModelManifest.Base(base.baseId(), null, null, base.sha256()),
        base.weights().config(),
        cfg.maxLength(),
        cfg.pooling().id(),
        TextNormalizer.VERSION,
        new ModelManifest.Lora(
            cfg.lora().rank(), cfg.lora().alpha(), LoraTarget.format(cfg.lora().targets())),
        false,
        cfg.trainLayerNorms(),
        null,
        null,
        labelJson,
        "marked-pair",
        null,
        null);
  }

  /** Saves an untrained tiny model directory (random heads, LoRA B = 0) without training. */
  public static Path untrainedModel(Path work) {
    LoadedEncoder base = checkpoint(work.resolve("tiny-base"), 1);
    TrainingConfig cfg = config(1);
    Path out = work.resolve("tiny-model");
    try (var net =
        new com.finpulse.model.task.MultiTaskNetwork(
            new com.finpulse.model.bert.BertEncoder(
                base.weights(), cfg.lora(), ai.djl.Device.cpu(), 1),
            cfg.pooling(),
            labels(),
            1)) {
      ModelBundle.save(
          out, manifest(base, cfg, "tiny"), net, List.of("embeddings.LayerNorm.weight"));
    }
    return out;
  }

  /** Trains the tiny model briefly and writes it to {@code out}; returns the run's result. */
  public static Trainer.Result trainTiny(Path work, Path out, int epochs) {
    return trainTiny(work, out, config(epochs), false);
  }

  /** Trains the tiny model with {@code cfg}, resuming from {@code out} if asked. */
  public static Trainer.Result trainTiny(Path work, Path out, TrainingConfig cfg, boolean resume) {
    LoadedEncoder base = checkpoint(work.resolve("tiny-base"), 1);
    Map<Task, List<LabeledText>> all = toyData(40, 3);
    Map<Task, List<LabeledText>> train = new EnumMap<>(Task.class);
    Map<Task, List<LabeledText>> dev = new EnumMap<>(Task.class);
    all.forEach(
        (t, xs) -> {
          var split = com.finpulse.model.data.DevSplit.of(xs, 0.2, 5);
          train.put(t, split.train());
          dev.put(t, split.dev());
        });
    return new Trainer(cfg, new PrintStream(OutputStream.nullOutputStream()))
        .train(
            base,
            labels(),
            train,
            dev,
            out,
            manifest(base, cfg, "tiny"),
            TrainingReport.noted("tiny model trained by the tests"),
            null,
            resume);
  }
}
