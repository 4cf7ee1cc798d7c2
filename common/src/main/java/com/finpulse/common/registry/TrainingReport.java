package com.finpulse.common.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The {@code training} section of a model's {@code model.json}: how the model was made and how it
 * scored. A trained model's report has the command, the data files, the hyper-parameters, its warm
 * start, its registry record, the analysts' agreement with it, and the dev figures of every epoch
 * up to the best one; a blend's has the blend, the dev split it was calibrated on, its data files
 * and the reports of the two models blended; a model made by a tool may have only a note.
 *
 * <p>Every part may be absent: models made by earlier versions lack the later parts. An absent part
 * is left out of the file (never written as null), and the parts are written in the order of the
 * components. Fields this version does not know are ignored when a report is read, so a report
 * written again from such a file (a blend's parents) does not carry them.
 *
 * <p>It is here, beside the registry, because the registry lists versions from it without any model
 * code; training and blending build it, one part by the code that knows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingReport(
    @JsonProperty("command") @Nullable String command,
    @JsonProperty("blend") @Nullable Blend blend,
    @JsonProperty("data") @Nullable List<DataFile> data,
    @JsonProperty("hyper_parameters") @Nullable HyperParameters hyperParameters,
    @JsonProperty("init") @Nullable String init,
    @JsonProperty("parent") @Nullable String parent,
    @JsonProperty(ModelRegistry.REGISTRY_FIELD) @Nullable RegistryEntry registry,
    @JsonProperty(ModelRegistry.AGREEMENT_FIELD) @Nullable Agreements feedbackAgreement,
    @JsonProperty("epochs") @Nullable List<Epoch> epochs,
    @JsonProperty("best_epoch") @Nullable Integer bestEpoch,
    @JsonProperty("seconds") @Nullable Long seconds,
    @JsonProperty("optimizer_steps") @Nullable Long optimizerSteps,
    @JsonProperty("skipped_steps") @Nullable Long skippedSteps,
    @JsonProperty("from_training") @Nullable TrainingReport fromTraining,
    @JsonProperty("to_training") @Nullable TrainingReport toTraining,
    @JsonProperty("note") @Nullable String note) {

  /** Reads the nested parts (see {@link Epoch}); unknown fields are ignored there too. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A training run's report before its first epoch: what it trains on and how; {@link
   * #withProgress} adds the epochs.
   *
   * @param init the warm start's directory; null for a fresh start
   * @param parent the warm start's {@code name@weights_sha256}; null for a fresh start
   * @param registry null when the model is not a registry version
   * @param feedbackAgreement null when the run has no corrections
   */
  public static TrainingReport trained(
      String command,
      List<DataFile> data,
      HyperParameters hyperParameters,
      @Nullable String init,
      @Nullable String parent,
      @Nullable RegistryEntry registry,
      @Nullable Agreements feedbackAgreement) {
    return new TrainingReport(
        command,
        null,
        List.copyOf(data),
        hyperParameters,
        init,
        parent,
        registry,
        feedbackAgreement,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * A blend's report.
   *
   * @param devSplit the dev split it is calibrated on ({@link HyperParameters#devSplit})
   * @param from the report of the model at weight 0; null if it records none
   * @param to the report of the model at weight 1; null if it records none
   */
  public static TrainingReport blended(
      String command,
      Blend blend,
      HyperParameters devSplit,
      List<DataFile> data,
      @Nullable TrainingReport from,
      @Nullable TrainingReport to) {
    return new TrainingReport(
        command,
        blend,
        List.copyOf(data),
        devSplit,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        from,
        to,
        null);
  }

  /** The report of a model made by a tool rather than trained: a note on what it is. */
  public static TrainingReport noted(String note) {
    return new TrainingReport(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        note);
  }

  /**
   * This report with a run's progress as of its best epoch.
   *
   * @param epochs the dev figures of every epoch so far
   * @param seconds the run's time so far, all sittings together
   */
  public TrainingReport withProgress(
      List<Epoch> epochs, int bestEpoch, long seconds, long optimizerSteps, long skippedSteps) {
    return new TrainingReport(
        command,
        blend,
        data,
        hyperParameters,
        init,
        parent,
        registry,
        feedbackAgreement,
        List.copyOf(epochs),
        bestEpoch,
        seconds,
        optimizerSteps,
        skippedSteps,
        fromTraining,
        toTraining,
        note);
  }

  /** This report with the analysts' agreement replaced. */
  public TrainingReport withFeedbackAgreement(Agreements agreement) {
    return new TrainingReport(
        command,
        blend,
        data,
        hyperParameters,
        init,
        parent,
        registry,
        agreement,
        epochs,
        bestEpoch,
        seconds,
        optimizerSteps,
        skippedSteps,
        fromTraining,
        toTraining,
        note);
  }

  /** The best epoch's dev score; empty when the report has no epochs or not the best one. */
  public OptionalDouble bestDevScore() {
    int best = bestEpoch == null ? 0 : bestEpoch;
    for (Epoch e : epochs == null ? List.<Epoch>of() : epochs) {
      if (e.epoch() == best) {
        return OptionalDouble.of(e.devScore());
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * How a blend was made.
   *
   * @param weight the share of {@code to}
   * @param from the model at weight 0, {@code name@weights_sha256}
   * @param to the model at weight 1, {@code name@weights_sha256}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Blend(
      @JsonProperty("method") String method,
      @JsonProperty("weight") double weight,
      @JsonProperty("from") String from,
      @JsonProperty("to") String to) {}

  /**
   * One data file (or generated set) and what was made of it. Each kind records its own fields: a
   * split file its rows and sides, generated pairs their count, the analysts' corrections what was
   * dropped and when the held-out ones start.
   *
   * @param sha256 of the file (or of the generator's resource)
   * @param rows rows read
   * @param pairs generated pairs, four training rows each
   * @param trainRows training rows, each used once (before {@code repeat})
   * @param repeat how often each training row is used; absent when once (except for corrections)
   * @param dropped corrections that could not be used
   * @param devFrom the time of the first held-out correction
   * @param mixedTrainRows training rows of paragraphs whose companies carry different labels
   * @param mixedRepeat how often those are used
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DataFile(
      @JsonProperty("role") String role,
      @JsonProperty("file") String file,
      @JsonProperty("sha256") @Nullable String sha256,
      @JsonProperty("rows") @Nullable Integer rows,
      @JsonProperty("pairs") @Nullable Integer pairs,
      @JsonProperty("train_rows") int trainRows,
      @JsonProperty("dev_rows") @Nullable Integer devRows,
      @JsonProperty("repeat") @Nullable Integer repeat,
      @JsonProperty("dropped") @Nullable Integer dropped,
      @JsonProperty("dev_from") @Nullable String devFrom,
      @JsonProperty("mixed_train_rows") @Nullable Integer mixedTrainRows,
      @JsonProperty("mixed_repeat") @Nullable Integer mixedRepeat) {

    /**
     * Rows split into training and dev.
     *
     * @param repeat null when each training row is used once
     */
    public static DataFile split(
        String role,
        String file,
        String sha256,
        int rows,
        int trainRows,
        int devRows,
        @Nullable Integer repeat) {
      return new DataFile(
          role, file, sha256, rows, null, trainRows, devRows, repeat, null, null, null, null);
    }

    /** Generated pairs of training rows from {@code file}. */
    public static DataFile pairs(String role, String file, int pairs, int trainRows) {
      return new DataFile(
          role, file, null, null, pairs, trainRows, null, null, null, null, null, null);
    }

    /** This file with its mixed-label training rows used {@code mixedRepeat} times. */
    public DataFile withMixed(int mixedTrainRows, int mixedRepeat) {
      return new DataFile(
          role,
          file,
          sha256,
          rows,
          pairs,
          trainRows,
          devRows,
          repeat,
          dropped,
          devFrom,
          mixedTrainRows,
          mixedRepeat);
    }

    /**
     * These corrections with what could not be used and when the held-out ones start.
     *
     * @param dropped null when none was dropped
     * @param devFrom null when none is held out
     */
    public DataFile withCorrections(@Nullable Integer dropped, @Nullable String devFrom) {
      return new DataFile(
          role,
          file,
          sha256,
          rows,
          pairs,
          trainRows,
          devRows,
          repeat,
          dropped,
          devFrom,
          mixedTrainRows,
          mixedRepeat);
    }
  }

  /**
   * A run's settings. A blend records only its dev split ({@link #devSplit}); models trained by
   * earlier versions lack the later settings.
   *
   * @param classWeights the tasks with class-weighted loss, as {@code [SENTIMENT]}
   * @param devFraction the dev share of the tweet and extra files
   * @param newsDevFraction the dev share of the news and entity files
   * @param seed of the dev split and of training
   * @param entityMixedRepeat absent when not given
   * @param entityMix generated contrastive pairs; absent when none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HyperParameters(
      @JsonProperty("epochs") @Nullable Integer epochs,
      @JsonProperty("batch_size") @Nullable Integer batchSize,
      @JsonProperty("lr") @Nullable Double lr,
      @JsonProperty("head_lr") @Nullable Double headLr,
      @JsonProperty("warmup") @Nullable Double warmup,
      @JsonProperty("weight_decay") @Nullable Double weightDecay,
      @JsonProperty("dropout") @Nullable Double dropout,
      @JsonProperty("class_weights") @Nullable String classWeights,
      @JsonProperty("dev_fraction") @Nullable Double devFraction,
      @JsonProperty("news_dev_fraction") @Nullable Double newsDevFraction,
      @JsonProperty("news_repeat") @Nullable Integer newsRepeat,
      @JsonProperty("topic_sample") @Nullable Double topicSample,
      @JsonProperty("sentiment_sample") @Nullable Double sentimentSample,
      @JsonProperty("seed") @Nullable Long seed,
      @JsonProperty("entity_mixed_repeat") @Nullable Integer entityMixedRepeat,
      @JsonProperty("entity_mix") @Nullable Integer entityMix) {

    /** Only the dev split: what a blend is calibrated on. */
    public static HyperParameters devSplit(double devFraction, double newsDevFraction, long seed) {
      return new HyperParameters(
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          devFraction,
          newsDevFraction,
          null,
          null,
          null,
          seed,
          null,
          null);
    }
  }

  /**
   * The registry's record of a version.
   *
   * @param parent the parent's version, or its path when it is not a registry version; null for a
   *     fresh start
   * @param created an ISO-8601 instant
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RegistryEntry(
      @JsonProperty("version") @Nullable String version,
      @JsonProperty("parent") @Nullable String parent,
      @JsonProperty("created") @Nullable String created) {

    /** When the version was made; null when not recorded or not an instant. */
    public @Nullable Instant createdAt() {
      try {
        return created == null ? null : Instant.parse(created);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * The analysts' agreement with the model on their corrections: on the held-out feedback dev set
   * and on the trained corrections, before (the warm start) and after training. Before is absent
   * when there was no warm start to measure.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Agreements(
      @JsonProperty("before") @Nullable Agreement before,
      @JsonProperty("trained_before") @Nullable Agreement trainedBefore,
      @JsonProperty("after") @Nullable Agreement after,
      @JsonProperty("trained_after") @Nullable Agreement trainedAfter) {

    /** Before training: measured on the warm start, or not (both null) when there is none. */
    public static Agreements before(@Nullable Agreement dev, @Nullable Agreement trained) {
      return new Agreements(dev, trained, null, null);
    }

    /** These, with the trained model's. */
    public Agreements withAfter(Agreement dev, Agreement trained) {
      return new Agreements(before, trainedBefore, dev, trained);
    }
  }

  /**
   * One measurement of the agreement.
   *
   * @param accuracy {@code agreeing / n} to four decimals; absent when {@code n} is 0
   * @param byTask per task label; absent when there are no tasks (and within a task)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Agreement(
      @JsonProperty("n") int n,
      @JsonProperty("agreeing") int agreeing,
      @JsonProperty("accuracy") @Nullable Double accuracy,
      @JsonProperty("by_task") @Nullable Map<String, Agreement> byTask) {

    /**
     * @param byTask per task label, in the order to record; empty for none
     */
    public static Agreement of(int n, int agreeing, Map<String, Agreement> byTask) {
      return new Agreement(
          n,
          agreeing,
          n > 0 ? Math.round(10_000.0 * agreeing / n) / 10_000.0 : null,
          byTask.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(byTask)));
    }
  }

  /**
   * The dev figures after one epoch. In the file, each task's figures are a field {@code
   * dev_<task>} beside the others, so this record has its own (de)serialisation.
   *
   * @param seconds the epoch's time, rounded
   * @param devScore the mean macro-F1 over the tasks: what picks the best epoch
   * @param batchPlan a hash of the epoch's batches; absent in models trained by earlier versions
   * @param dev per task id, in the order recorded
   * @param devBySource per task and data source ("sentiment/news") where a task's dev data comes
   *     from more than one source; empty for none
   */
  public record Epoch(
      int epoch,
      double trainLoss,
      long seconds,
      double devScore,
      @Nullable String batchPlan,
      Map<String, DevMetrics> dev,
      Map<String, DevMetrics> devBySource) {

    private static final String DEV = "dev_";

    public Epoch {
      dev = Collections.unmodifiableMap(new LinkedHashMap<>(dev));
      devBySource = Collections.unmodifiableMap(new LinkedHashMap<>(devBySource));
    }

    /** The fields of an epoch other than the per-task ones, as read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Fields(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("seconds") long seconds,
        @JsonProperty("dev_score") double devScore,
        @JsonProperty("batch_plan") @Nullable String batchPlan,
        @JsonProperty("dev_by_source") @Nullable Map<String, DevMetrics> devBySource) {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Epoch read(ObjectNode o) throws java.io.IOException {
      Fields f = JSON.treeToValue(o, Fields.class);
      Map<String, DevMetrics> dev = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        String key = e.getKey();
        if (key.startsWith(DEV)
            && !key.equals("dev_score")
            && !key.equals("dev_by_source")
            && e.getValue().isObject()) {
          dev.put(key.substring(DEV.length()), JSON.treeToValue(e.getValue(), DevMetrics.class));
        }
      }
      return new Epoch(
          f.epoch(),
          f.trainLoss(),
          f.seconds(),
          f.devScore(),
          f.batchPlan(),
          dev,
          f.devBySource() == null ? Map.of() : f.devBySource());
    }

    @JsonValue
    Map<String, Object> write() {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("epoch", epoch);
      o.put("train_loss", trainLoss);
      o.put("seconds", seconds);
      o.put("dev_score", devScore);
      if (batchPlan != null) {
        o.put("batch_plan", batchPlan);
      }
      dev.forEach((task, m) -> o.put(DEV + task, m));
      if (!devBySource.isEmpty()) {
        o.put("dev_by_source", devBySource);
      }
      return o;
    }
  }

  /**
   * Dev figures of a task or a source, rounded to four decimals.
   *
   * @param weightedF1 absent for a source
   * @param ece expected calibration error
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DevMetrics(
      @JsonProperty("n") long n,
      @JsonProperty("accuracy") double accuracy,
      @JsonProperty("macro_f1") double macroF1,
      @JsonProperty("weighted_f1") @Nullable Double weightedF1,
      @JsonProperty("ece") double ece) {}
}
