package com.finpulse.processor.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.event.ModelServing;
import com.finpulse.common.event.ModelStatus;
import com.finpulse.common.event.SentimentScores;
import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.registry.ModelRegistry;
import com.finpulse.model.serve.Classifier;
import com.finpulse.model.serve.Prediction;
import com.finpulse.model.text.TargetedText;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.InferenceWorker;
import com.finpulse.processor.testing.DeterministicClassifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the follower does with each models.serving record, without a broker: which model the worker
 * serves afterwards, what it reports, which models it closes. The registry is real directories; the
 * loading is a double that gives each directory a behaviour.
 */
class ServingFollowerTest {

  @TempDir Path registry;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<ModelStatus> statuses = new ArrayList<>();
  final Map<String, Integer> loads = new ConcurrentHashMap<>();
  final List<Tracked> loaded = new ArrayList<>();
  final Tracked configured =
      new Tracked(new DeterministicClassifier(), DeterministicClassifier.TOPICS);
  InferenceWorker worker;
  ServingFollower follower;

  @BeforeEach
  void setUp() throws Exception {
    for (String v : List.of("v2", "v3", "broken", "relabelled", "mute")) {
      Files.createDirectories(registry.resolve(v));
      Files.writeString(registry.resolve(v).resolve("model.json"), "{}");
    }
    ProcessorMetrics metrics = new ProcessorMetrics(meters);
    worker =
        new InferenceWorker(
            ServedModel.configured(configured), 64, 1 << 20, metrics, ShadowSink.NONE);
    worker.start();
    VersionLoader loader =
        new VersionLoader(new ModelRegistry(registry), registry.resolve("configured"), this::load);
    follower = new ServingFollower(Map.of(), "p1", loader, worker, statuses::add, metrics);
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  /** The loading double: a directory's name says what loading it does. */
  private Classifier load(Path dir) {
    String name = dir.getFileName().toString();
    loads.merge(name, 1, Integer::sum);
    Tracked t =
        switch (name) {
          case "broken" ->
              throw new IllegalStateException("model.json: not a valid model manifest");
          case "relabelled" -> new Tracked(new DeterministicClassifier(), List.of("a", "b"));
          case "mute" -> {
            DeterministicClassifier d = new DeterministicClassifier();
            d.breakDown();
            yield new Tracked(d, DeterministicClassifier.TOPICS);
          }
          default -> new Tracked(new DeterministicClassifier(), DeterministicClassifier.TOPICS);
        };
    loaded.add(t);
    return t;
  }

  static ModelServing serving(String version, String shadow, double sample) {
    return new ModelServing(
        version, shadow, sample, ModelServing.Action.PROMOTE, "ana", null, Instant.now());
  }

  ModelStatus last() {
    return statuses.get(statuses.size() - 1);
  }

  double swaps(String outcome) {
    return meters.get(MeterNames.PROCESSOR_MODEL_SWAPS).tag("outcome", outcome).counter().count();
  }

  @Test
  void aPromotionSwapsTheModelAndAVersionThatDoesNotLoadLeavesItInPlace() throws Exception {
    follower.apply(serving("v2", null, 0));
    assertThat(worker.modelId()).isEqualTo("v2@test");
    assertThat(last())
        .isEqualTo(new ModelStatus("p1", "v2@test", "v2", null, "v2", null, last().at()));
    assertThat(configured.closed).isTrue(); // the worker let go of it
    Tracked v2 = loaded.get(0);

    for (String[] bad :
        new String[][] {
          {
            "broken",
            "version 'broken' did not load from "
                + registry.toAbsolutePath().normalize().resolve("broken")
                + ": model.json: not a valid model manifest"
          },
          {"v404", "no model version 'v404' in"},
          {"relabelled", "its topic labels [a, b] differ from the serving model's"},
          {"mute", "device lost"},
          {"../v2", "invalid model version name"}
        }) {
      follower.apply(serving(bad[0], null, 0));
      assertThat(worker.modelId()).as(bad[0]).isEqualTo("v2@test");
      assertThat(last().serving()).isEqualTo("v2@test");
      assertThat(last().servingVersion()).isEqualTo("v2");
      assertThat(last().requested()).isEqualTo(bad[0]);
      assertThat(last().error()).as(bad[0]).contains(bad[1]);
    }
    assertThat(v2.closed).isFalse();
    // What loaded but was refused is closed again.
    assertThat(loaded).filteredOn(t -> t != v2).allSatisfy(t -> assertThat(t.closed).isTrue());
    assertThat(swaps("ok")).isEqualTo(1);
    assertThat(swaps("failed")).isEqualTo(5);

    // Roll back to the configured model directory.
    follower.apply(serving("default", null, 0));
    assertThat(worker.modelId()).isEqualTo(DeterministicClassifier.MODEL_ID);
    assertThat(last().servingVersion()).isEqualTo("default");
    assertThat(last().error()).isNull();
    assertThat(v2.closed).isTrue();
    assertThat(loads).containsEntry("configured", 1);
  }

  @Test
  void theShadowCandidateLoadsOnceAndIsPromotedWithoutASecondLoad() throws Exception {
    follower.apply(serving("v2", "v3", 0.25));
    InferenceWorker.Setup s = worker.setup();
    assertThat(s.serving().modelId()).isEqualTo("v2@test");
    assertThat(s.shadow().candidate().modelId()).isEqualTo("v3@test");
    assertThat(s.shadow().share()).isEqualTo(0.25);
    assertThat(last().shadow()).isEqualTo("v3@test");
    ServedModel candidate = s.shadow().candidate();

    follower.apply(serving("v3", null, 0));
    assertThat(worker.setup().serving()).isSameAs(candidate);
    assertThat(worker.setup().shadow()).isNull();
    assertThat(loads).containsEntry("v3", 1);
    assertThat(last())
        .isEqualTo(new ModelStatus("p1", "v3@test", "v3", null, "v3", null, last().at()));

    // Shadow the old version again, then stop the shadow: it is closed once no call can use it.
    follower.apply(serving("v3", "v2", 0.5));
    Tracked v2 = (Tracked) worker.setup().shadow().candidate().classifier();
    follower.apply(serving("v3", null, 0));
    assertThat(worker.setup().shadow()).isNull();
    assertThat(v2.closed).isTrue();
    assertThat(last().shadow()).isNull();

    // A shadow share outside 0..1 is refused and named.
    follower.apply(serving("v3", "v2", 1.5));
    assertThat(worker.setup().shadow()).isNull();
    assertThat(last().error()).contains("shadow_sample must be between 0 and 1");
  }

  /** A classifier that remembers being closed and names the topics it is given. */
  static final class Tracked implements Classifier {
    final Classifier inner;
    final List<String> topics;
    volatile boolean closed;

    Tracked(Classifier inner, List<String> topics) {
      this.inner = inner;
      this.topics = topics;
    }

    @Override
    public List<Prediction> classify(List<String> texts) {
      return inner.classify(texts);
    }

    @Override
    public List<SentimentScores> classifyTargets(List<TargetedText> items) {
      return inner.classifyTargets(items);
    }

    @Override
    public boolean targeted() {
      return inner.targeted();
    }

    @Override
    public boolean onGpu() {
      return false;
    }

    @Override
    public String modelId() {
      return inner.modelId();
    }

    @Override
    public List<String> topicLabels() {
      return topics;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
