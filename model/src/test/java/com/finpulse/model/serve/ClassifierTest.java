package com.finpulse.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.finpulse.model.bert.ArrayCensus;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.task.Task;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.weights.WeightsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTest {

  @TempDir static Path tmp;
  static Path modelDir;

  @BeforeAll
  static void model() {
    modelDir = TinyModels.untrainedModel(tmp);
  }

  @Test
  void awkwardInputsGetPredictionsInOrder() {
    List<String> texts = new ArrayList<>();
    texts.add("");
    texts.add("x".repeat(100_000));
    texts.add("Stocks \uD83D\uDE80\uD83D\uDCC8 to the moon \uD83E\uDD11");
    texts.add("ctrl\u0000\u0007\u001b[31m chars\u202e reversed");
    texts.add("日経平均が大幅反落 円高進む");
    texts.add("Рубль укрепился к доллару");
    texts.add("   \t\n  ");
    texts.add(null);
    texts.add("lone surrogate \uD83D here");
    texts.add("word ".repeat(5_000));
    try (Classifier c =
        Classifiers.load(modelDir, ClassifierOptions.defaults().withDevice("cpu"))) {
      List<Prediction> out = c.classify(texts);
      assertThat(out).hasSize(texts.size());
      for (Prediction p : out) {
        var s = p.sentimentScores();
        assertThat(s.negative() + s.neutral() + s.positive()).isCloseTo(1.0, within(1e-4));
        assertThat(p.topicProbabilities()).hasSize(20);
        assertThat(p.topicProbabilities().values().stream().mapToDouble(Double::doubleValue).sum())
            .isCloseTo(1.0, within(1e-4));
        assertThat(c.topicLabels()).contains(p.topic());
        assertThat(p.sentimentScore()).isBetween(-1.0, 1.0);
      }
      // Same text alone and in a batch of others gives the same answer (padding is masked).
      Prediction alone = c.classify(List.of(texts.get(2))).get(0);
      assertThat(alone.sentimentScores().positive())
          .isCloseTo(out.get(2).sentimentScores().positive(), within(1e-5));
      assertThat(c.classify(List.of())).isEmpty();
      assertThat(c.modelId()).startsWith("tiny@");
      assertThat(c.topicLabels()).isEqualTo(Task.TOPIC.defaultLabels());
    }
  }

  @Test
  void batchesOnLanesGiveTheSameAnswersAsOneForwardAtATime() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add("Shares of company " + i + " " + "rose sharply ".repeat(i % 9) + "after results");
    }
    ClassifierOptions cpu = ClassifierOptions.defaults().withDevice("cpu").withCpuThreads(2);
    List<Prediction> sequential;
    try (Classifier one = Classifiers.load(modelDir, cpu.withCpuLanes(1))) {
      assertThat(((BertClassifier) one).lanes()).isEqualTo(1);
      sequential = one.classify(texts);
    }
    try (Classifier lanes = Classifiers.load(modelDir, cpu.withCpuLanes(2))) {
      assertThat(((BertClassifier) lanes).lanes()).isEqualTo(2);
      List<Prediction> side = lanes.classify(texts);
      assertThat(side).hasSize(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        assertThat(side.get(i).topic()).isEqualTo(sequential.get(i).topic());
        assertThat(side.get(i).sentimentScore())
            .as("text %d", i)
            .isCloseTo(sequential.get(i).sentimentScore(), within(1e-5));
      }
    }
  }

  @Test
  void concurrentCallersShareOneClassifierAndMemoryStaysFlat() throws Exception {
    try (Classifier c =
        Classifiers.load(
            modelDir, ClassifierOptions.defaults().withDevice("cpu").withTokenBudget(256, 8))) {
      BertClassifier bc = (BertClassifier) c;
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        batch.add("Company " + i + " reports " + "strong ".repeat(i % 7) + "results");
      }
      List<Prediction> reference = c.classify(batch);
      var manager = ((BertClassifier) c).device(); // device is CPU
      assertThat(manager.isGpu()).isFalse();
      long arraysBefore = liveArrays(bc);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Prediction>>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          fs.add(pool.submit(() -> c.classify(batch)));
        }
        for (Future<List<Prediction>> f : fs) {
          List<Prediction> got = f.get();
          for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).sentimentScore())
                .isCloseTo(reference.get(i).sentimentScore(), within(1e-5));
          }
        }
      } finally {
        pool.shutdown();
      }
      assertThat(liveArrays(bc))
          .as("live NDArrays after 40 concurrent calls")
          .isEqualTo(arraysBefore);
    }
  }

  private static long liveArrays(BertClassifier c) throws Exception {
    var f = BertClassifier.class.getDeclaredField("net");
    f.setAccessible(true);
    var net = (com.finpulse.model.task.MultiTaskNetwork) f.get(c);
    return ArrayCensus.liveArrays(net.encoder().manager());
  }

  @Test
  void closedClassifierRefusesWork() {
    Classifier c = Classifiers.load(modelDir, ClassifierOptions.defaults().withDevice("cpu"));
    c.close();
    c.close();
    assertThatThrownBy(() -> c.classify(List.of("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void corruptAdapterFileAndWrongBaseAreClearErrors() throws Exception {
    Path copy = tmp.resolve("corrupt");
    Files.createDirectories(copy);
    for (String f : List.of(ModelBundle.MANIFEST, ModelBundle.WEIGHTS)) {
      Files.copy(modelDir.resolve(f), copy.resolve(f));
    }
    byte[] w = Files.readAllBytes(copy.resolve(ModelBundle.WEIGHTS));
    w[w.length - 5] ^= 0x7f;
    Files.write(copy.resolve(ModelBundle.WEIGHTS), w);
    assertThatThrownBy(() -> Classifiers.load(copy))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("adapter.safetensors")
        .hasMessageContaining("sha256");

    String manifest = Files.readString(modelDir.resolve(ModelBundle.MANIFEST));
    Files.writeString(
        copy.resolve(ModelBundle.MANIFEST),
        manifest.replaceFirst("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"00\""));
    Files.copy(
        modelDir.resolve(ModelBundle.WEIGHTS),
        copy.resolve(ModelBundle.WEIGHTS),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> Classifiers.load(copy))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("was trained on 00");

    assertThatThrownBy(() -> Classifiers.load(tmp.resolve("nowhere")))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("model.json is missing");
  }

  @Test
  void missingAdapterTensorIsNamed() throws Exception {
    Path copy = tmp.resolve("incomplete");
    Files.createDirectories(copy);
    var contents =
        com.finpulse.model.weights.Safetensors.read(modelDir.resolve(ModelBundle.WEIGHTS));
    var tensors = new java.util.LinkedHashMap<>(contents.tensors());
    tensors.remove("heads.topic.bias");
    com.finpulse.model.weights.Safetensors.write(
        copy.resolve(ModelBundle.WEIGHTS), tensors, java.util.Map.of());
    String manifest = Files.readString(modelDir.resolve(ModelBundle.MANIFEST));
    Files.writeString(
        copy.resolve(ModelBundle.MANIFEST),
        manifest.replaceFirst(",\\s*\"weights_sha256\" : \"[0-9a-f]+\"", ""));
    assertThatThrownBy(() -> Classifiers.load(copy))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("missing heads.topic.bias");
  }
}
